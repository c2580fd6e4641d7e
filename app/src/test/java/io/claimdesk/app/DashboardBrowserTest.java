package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard in real headless Chromium browsers against the app as configured by the environment, with mail
 * through GreenMail's IMAP and SMTP: two agents, one claim, a live change, a refused reply, a sent reply, logout.
 * Screenshots of the pages land in {@code target/screenshots} (the README's come from {@link LayoutBrowserTest}).
 */
class DashboardBrowserTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final String PASSWORD = "claimdesk-demo";
  private static final Path SHOTS = Path.of("target", "screenshots");

  @BeforeAll
  static void needsChromium() {
    Browser.assumeAvailable();
  }

  @Test
  void twoAgentsClaimReplyAndSeeEachOtherLive(@TempDir Path dataDir) throws Exception {
    GREEN_MAIL.setUser("support@example.com", "support@example.com", "imap-secret");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(config(port, dataDir), 4);
        Browser ana = new Browser("http://127.0.0.1:" + port);
        Browser bo = new Browser("http://127.0.0.1:" + port)) {
      GreenMailUtil.sendTextEmail("support@example.com", "dev@example.org", "Printer on fire",
          "The office printer is on fire. Please advise.", GREEN_MAIL.getSmtp().getServerSetup());
      // (GreenMail's SMTP delivers to the IMAP mailbox the poller reads; the Message-ID is GreenMail's own)

      ana.login("ana@example.com", PASSWORD);
      assertThat(ana.driver.getCurrentUrl()).endsWith("/dashboard/tickets/unassigned");
      ana.until(d -> {
        d.navigate().refresh();
        return !d.findElements(By.xpath("//a[text()='Printer on fire']")).isEmpty();
      }, "see the new mail as an unassigned ticket");
      String ticketPath = ana.driver.findElement(By.xpath("//a[text()='Printer on fire']")).getAttribute("href")
          .replaceFirst("^https?://[^/]+", "");
      String id = ticketPath.substring(ticketPath.lastIndexOf('/') + 1);
      ana.screenshot(SHOTS.resolve("unassigned.png"));

      // Bo has the ticket open, showing it available; a marker tells whether his page reloads
      bo.open("/login?next=" + ticketPath);
      bo.find("#email").sendKeys("bo@example.com");
      bo.find("#password").sendKeys(PASSWORD);
      bo.find("#sign-in").click();
      bo.until(d -> d.getCurrentUrl().endsWith(ticketPath), "come back to the ticket after login");
      assertThat(bo.text("#owner-banner")).contains("Available");
      bo.until(d -> bo.find("#live-status").getAttribute("class").contains("on"), "connect the live stream");
      bo.script("window.noReload = 'still here';");

      // Ana claims from the unassigned list; the ticket moves to her list
      ana.find("#t-" + id + " button.claim").click();
      ana.until(d -> !bo.present("#t-" + id) || d.findElements(By.id("t-" + id)).isEmpty(),
          "see the ticket leave the unassigned list");
      assertThat(ana.text(".flash")).isEqualTo("You claimed “Printer on fire”.");
      ana.open("/dashboard/tickets/mine");
      assertThat(ana.text("#t-" + id)).contains("You are handling").contains("Printer on fire");

      // Bo's page changes without a reload, within a second
      bo.within(Duration.ofSeconds(1), d -> bo.text("#owner-banner").contains("Ana Alvarez is handling"),
          "see Ana's claim live on Bo's page");
      assertThat(bo.script("return window.noReload;")).isEqualTo("still here");

      // Bo's reply form says before he types that Ana holds the ticket: read-only, Send off, what to do
      bo.open(ticketPath + "/reply");
      assertThat(bo.find("#reply-body").getAttribute("readonly")).isNotNull();
      assertThat(bo.find("#send").isEnabled()).isFalse();
      assertThat(bo.text("#reply-hint")).isEqualTo("Ask Ana Alvarez to hand it over, or ask a manager to reassign it.");

      // a form opened before Ana's claim (as if: the box made writable again) is still refused by the server,
      // with the owner's email, and his draft stays
      bo.script("document.getElementById('reply-body').readOnly = false;"
          + "document.getElementById('send').disabled = false;");
      bo.find("#reply-body").sendKeys("Bo's draft that must not be lost");
      bo.find("#send").click();
      bo.until(d -> bo.present("#reply-error"), "see the refusal");
      assertThat(bo.text("#reply-error")).isEqualTo("Ticket is already claimed by ana@example.com");
      assertThat(bo.find("#reply-body").getAttribute("value")).isEqualTo("Bo's draft that must not be lost");
      assertThat(GREEN_MAIL.getReceivedMessagesForDomain("example.org")).isEmpty();

      // Ana's reply goes out by SMTP, in reply to the customer's mail
      ana.open(ticketPath + "/reply");
      ana.find("#reply-body").sendKeys("Please leave the building. We are sending a technician.");
      ana.find("#send").click();
      ana.until(d -> d.getCurrentUrl().endsWith(ticketPath), "return to the ticket after sending");
      assertThat(ana.text(".flash")).contains("Reply sent. Claimed by you.");
      assertThat(ana.text("#owner-banner")).contains("You are handling");
      assertThat(ana.text("#status")).isEqualTo("IN PROGRESS");
      assertThat(GREEN_MAIL.waitForIncomingEmail(10_000, 2)).isTrue(); // the customer's mail and our reply
      MimeMessage reply = GREEN_MAIL.getReceivedMessagesForDomain("example.org")[0];
      MimeMessage customer = GREEN_MAIL.getReceivedMessagesForDomain("example.com")[0];
      assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(customer.getMessageID());
      assertThat(reply.getSubject()).startsWith("Re: Printer on fire [#");
      assertThat(GreenMailUtil.getBody(reply)).contains("Please leave the building.");
      ana.screenshot(SHOTS.resolve("ticket.png"));

      // a manager's team page
      bo.find("#logout").click();
      bo.until(d -> d.getCurrentUrl().contains("/login"), "sign Bo out");
      bo.login("mia@example.com", PASSWORD);
      bo.open("/dashboard/team");
      assertThat(bo.text("#team")).contains("Ana Alvarez");
      bo.screenshot(SHOTS.resolve("team.png"));

      // logout ends the session: the dashboard asks for a login again
      ana.find("#logout").click();
      ana.until(d -> d.getCurrentUrl().contains("/login"), "sign Ana out");
      ana.open("/dashboard/tickets/mine");
      assertThat(ana.driver.getCurrentUrl()).contains("/login?next=");
    }
  }

  private static AppConfig config(int port, Path dataDir) {
    return AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("PUBLIC_BASE_URL", "http://127.0.0.1:" + port),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("DEMO", "true"),
        Map.entry("SUPPORT_ADDRESS", "support@example.com"),
        Map.entry("IMAP_HOST", "127.0.0.1"),
        Map.entry("IMAP_PORT", Integer.toString(GREEN_MAIL.getImap().getPort())),
        Map.entry("IMAP_SSL", "false"),
        Map.entry("IMAP_USER", "support@example.com"),
        Map.entry("IMAP_PASSWORD", "imap-secret"),
        Map.entry("IMAP_POLL_SECONDS", "1"),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort())),
        Map.entry("SMTP_TLS", "none")));
  }
}
