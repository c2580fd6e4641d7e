package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.Select;

/**
 * In headless Chromium at a phone's width (390 px) and a laptop's (1366 px): a manager adds a saved reply, an agent
 * writes an internal note on a ticket (shown marked, nothing mailed) and inserts the saved reply into the reply box at
 * the cursor, then sends it; the note box and the reply form's fields lie inside the screen. With
 * {@code -Dscreenshots.dir=...} it saves {@code saved-replies-<width>.png}, {@code ticket-note-<width>.png} and
 * {@code reply-saved-<width>.png}.
 */
class NotesBrowserTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final String PASSWORD = "claimdesk-demo";
  private static final String INGEST = "ingest-token-0123456789";

  @BeforeAll
  static void needsChromium() {
    Browser.assumeAvailable();
  }

  @ParameterizedTest(name = "at {0} px")
  @ValueSource(ints = {390, 1366})
  void aNoteAndASavedReply(int width, @TempDir Path dataDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(config(port, dataDir), 4);
        Browser mia = new Browser("http://127.0.0.1:" + port);
        Browser ana = new Browser("http://127.0.0.1:" + port)) {
      mia.viewport(width);
      ana.viewport(width);
      String id = ingest(port, "Carla Diaz <carla@example.org>", "Invoice twice", "I was charged twice.");

      // the manager adds a saved reply on its page
      mia.login("mia@example.com", PASSWORD);
      mia.open("/dashboard/saved-replies");
      mia.find("#saved-title").sendKeys("Refund on its way");
      mia.find("#saved-body").sendKeys("Your refund is on its way.");
      mia.find("#saved-create").click();
      mia.until(d -> mia.present(".flash"), "see the saved reply stored");
      assertThat(mia.text(".flash")).isEqualTo("Saved reply \"Refund on its way\" saved.");
      assertThat(mia.driver.findElements(org.openqa.selenium.By.cssSelector("li.saved-reply"))).hasSize(1);
      assertThat(mia.script("return window.innerWidth;")).isEqualTo((long) width);
      Screenshots.save(mia, "saved-replies-" + width);

      // the manager has the ticket open; a marker tells whether her page reloads
      mia.open("/dashboard/tickets/" + id);
      mia.until(d -> mia.find("#live-status").getAttribute("class").contains("on"), "connect the live stream");
      mia.script("window.noReload = 'still here';");

      // the agent writes an internal note: shown marked, nothing mailed, the ticket still unowned
      ana.login("ana@example.com", PASSWORD);
      ana.open("/dashboard/tickets/" + id);
      insideTheScreen(ana, width, "#note-body", "#add-note");
      ana.find("#note-body").sendKeys("Checked billing: charged twice on 2 Nov.");
      ana.find("#add-note").click();
      // read through until(): the note's own event redraws the thread live, which replaces the elements
      ana.until(d -> ana.present("li.message.note"), "see the note in the thread");
      ana.until(d -> ana.text("li.message.note .internal-badge").equals("Internal note"), "see the note marked");
      ana.until(d -> ana.text("li.message.note pre.body").equals("Checked billing: charged twice on 2 Nov."),
          "see the note's text");
      ana.until(d -> ana.text("#owner-banner").contains("Available"), "see the ticket still unowned");
      ana.until(d -> ana.find("li.message.note").getCssValue("background-color").equals("rgba(255, 248, 197, 1)"),
          "see the note's own colour");
      Screenshots.save(ana, "ticket-note-" + width);
      // the note reaches the manager's open page live, like any message
      mia.until(d -> mia.present("li.message.note"), "see Ana's note appear live");
      mia.until(d -> mia.text("li.message.note pre.body").equals("Checked billing: charged twice on 2 Nov."),
          "read the note live");
      assertThat(mia.script("return window.noReload;")).isEqualTo("still here");
      assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();

      // the saved reply goes in at the cursor: after the greeting typed first, before the sign-off typed after
      ana.open("/dashboard/tickets/" + id + "/reply");
      ana.find("#reply-body").sendKeys("Hello Carla,\n\nBest, Ana");
      ana.script("var b = document.getElementById('reply-body'); b.focus(); b.setSelectionRange(14, 14);");
      new Select(ana.find("#saved-reply")).selectByVisibleText("Refund on its way");
      assertThat(ana.find("#reply-body").getAttribute("value"))
          .isEqualTo("Hello Carla,\n\nYour refund is on its way.Best, Ana");
      assertThat(new Select(ana.find("#saved-reply")).getFirstSelectedOption().getText()).isEqualTo("Choose…");
      // the reply form's fields stay inside the screen (on a phone too), so Send is reached without scrolling sideways
      insideTheScreen(ana, width, "#reply-body", "#saved-reply", "#reply-cc", "#send");
      Screenshots.save(ana, "reply-saved-" + width);
      ana.find("#send").click();
      ana.until(d -> d.getCurrentUrl().endsWith("/dashboard/tickets/" + id), "return to the ticket after sending");
      assertThat(GREEN_MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
      assertThat(GreenMailUtil.getBody(GREEN_MAIL.getReceivedMessages()[0]))
          .contains("Your refund is on its way.Best, Ana").contains("> I was charged twice.");
      assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1); // the reply only; the note never left
    }
  }

  private static void insideTheScreen(Browser browser, int width, String... fields) {
    int viewport = ((Number) browser.script("return document.documentElement.clientWidth;")).intValue();
    assertThat(viewport).as("page width at " + width + " px").isLessThanOrEqualTo(width);
    for (String field : fields) {
      org.openqa.selenium.Rectangle box = browser.find(field).getRect();
      System.out.printf("%s at %d px: x %d, width %d (page %d)%n", field, width, box.getX(), box.getWidth(), viewport);
      assertThat(browser.find(field).isDisplayed()).as(field + " shown at " + width + " px").isTrue();
      assertThat(box.getX()).as(field + " left edge at " + viewport + " px").isNotNegative();
      assertThat(box.getX() + box.getWidth()).as(field + " right edge at " + viewport + " px").isLessThanOrEqualTo(viewport);
    }
  }

  private static String ingest(int port, String from, String subject, String text) throws Exception {
    String raw = "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject
        + "\r\nMessage-ID: <notes-browser@example.org>\r\n\r\n" + text + "\r\n";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/ingest/raw"))
        .header("Authorization", "Bearer " + INGEST).header("Content-Type", "message/rfc822")
        .POST(HttpRequest.BodyPublishers.ofString(raw)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new ObjectMapper().readTree(response.body()).path("threadId").asText();
  }

  private static AppConfig config(int port, Path dataDir) {
    return AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("PUBLIC_BASE_URL", "http://127.0.0.1:" + port),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("DEMO", "true"),
        Map.entry("SUPPORT_ADDRESS", "support@example.com"),
        Map.entry("INGEST_TOKEN", INGEST),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort())),
        Map.entry("SMTP_TLS", "none")));
  }
}
