package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The header's availability toggle in headless Chromium against the demo app: a member changes it, the manager's
 * open team page shows it without a reload, and the member's next page keeps it. Also the demo's contact card.
 */
class AvailabilityBrowserTest {
  private static final String PASSWORD = "claimdesk-demo";
  private static final Path SHOTS = Path.of("target", "screenshots");

  @BeforeAll
  static void needsChromium() {
    Browser.assumeAvailable();
  }

  @Test
  void headerToggleShouldChangeAvailabilityEverywhere(@TempDir Path dataDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("PORT", Integer.toString(port),
            "PUBLIC_BASE_URL", "http://127.0.0.1:" + port, "DATA_DIR", dataDir.toString(), "DEMO", "true")), 4);
        Browser bo = new Browser("http://127.0.0.1:" + port);
        Browser mia = new Browser("http://127.0.0.1:" + port)) {
      mia.login("mia@example.com", PASSWORD);
      mia.open("/dashboard/team");
      mia.until(d -> mia.find("#live-status").getAttribute("class").contains("on"), "connect the live stream");
      mia.script("window.noReload = 'still here';");

      bo.login("bo@example.com", PASSWORD);
      String boId = bo.find("header a.who").getAttribute("data-member");
      String boRow = "#members tr[data-member='" + boId + "'] .availability";
      assertThat(new Select(bo.find("#availability")).getFirstSelectedOption().getAttribute("value")).isEqualTo("away");
      assertThat(mia.text(boRow)).isEqualTo("away");

      new Select(bo.find("#availability")).selectByValue("online");
      bo.until(d -> "online".equals(bo.find("#availability").getAttribute("data-saved")), "save the availability");

      String row = boRow;
      mia.within(Duration.ofSeconds(2), d -> mia.text(row).equals("online"), "see Bo online on the team page");
      assertThat(mia.script("return window.noReload;")).isEqualTo("still here");
      bo.open("/dashboard/tickets/mine");
      assertThat(new Select(bo.find("#availability")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("online");
      assertThat(bo.find("#availability").getAttribute("class")).contains("online");
      mia.screenshot(SHOTS.resolve("team-availability.png"));

      // the demo contacts have phone numbers, and ticket pages link to their cards
      bo.open("/dashboard/tickets");
      bo.find("table.tickets td.subject a").click();
      bo.find("#contact-link").click();
      bo.until(d -> d.getCurrentUrl().matches(".*/dashboard/contacts/[0-9a-f]{24}$"), "open the contact card");
      assertThat(bo.text("#contact-phones")).matches("\\+\\d{8,15}");
      assertThat(bo.driver.findElements(By.cssSelector("#calls"))).hasSize(1);
      bo.screenshot(SHOTS.resolve("contact.png"));
    }
  }
}
