package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Keys;

/**
 * Search from the header box and the needs-reply mark, in headless Chromium at a phone's width (390 px, where the
 * search box has a row of its own and list rows are cards) and a laptop's (1366 px) against the app with demo data
 * (the embedded database, so the in-memory search index): a customer's answer ingested while Mine is open shows as
 * Customer replied without a reload. With {@code -Dscreenshots.dir=...} it saves {@code search-<width>.png} and
 * {@code mine-customer-replied-<width>.png}.
 */
class SearchBrowserTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST_TOKEN = "ingest-token-for-search-test";
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @BeforeAll
  static void needsChromium() {
    Browser.assumeAvailable();
  }

  @ParameterizedTest(name = "at {0} px")
  @ValueSource(ints = {390, 1366})
  void searchFromTheHeaderAndSeeTheCustomersAnswerLive(int width, @TempDir Path dataDir) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(config(dataDir), 4);
        Browser ana = new Browser("http://127.0.0.1:" + port)) {
      ana.viewport(width);
      String threadId = ingest("<hinge-1@example.org>", null, "Broken hinge on the cabinet",
          "Hello, the left hinge of our filing cabinet snapped off (again) this morning.");
      String token = JSON.readTree(post("/api/auth/token", null,
          "{\"email\":\"ana@example.com\",\"password\":\"claimdesk-demo\"}")).path("token").asText();
      JsonNode reply = JSON.readTree(post("/api/emails/reply", token,
          "{\"threadId\":\"" + threadId + "\",\"body\":\"A new hinge is on its way.\"}"));
      assertThat(reply.path("success").asBoolean()).as(reply.toString()).isTrue();

      // search from the header box: words from the body and the sender, with a metacharacter taken literally
      ana.login("ana@example.com", "claimdesk-demo");
      assertThat(ana.script("return window.innerWidth;")).isEqualTo((long) width);
      searchBoxOnScreen(ana, width);
      ana.find("#header-search").sendKeys("FILING (again)", Keys.ENTER);
      ana.until(d -> d.getCurrentUrl().contains("/dashboard/tickets?q="), "land on the search results");
      assertThat(ana.driver.getCurrentUrl()).endsWith("/dashboard/tickets?q=FILING+%28again%29");
      assertThat(ana.text("h1")).startsWith("Search: FILING (again)");
      assertThat(ana.driver.findElements(org.openqa.selenium.By.cssSelector("tbody tr"))).hasSize(1);
      assertThat(ana.text("#t-" + threadId + " .snippet mark")).isEqualTo("filing");
      assertThat(ana.text("#t-" + threadId + " .snippet")).contains("of our filing cabinet snapped off (again)");
      assertThat(ana.find("#t-" + threadId + " .snippet mark").isDisplayed()).isTrue();
      Screenshots.save(ana, "search-" + width);

      // Mine: answered by Ana, so no mark; the customer answers while the page is open
      ana.open("/dashboard/tickets/mine");
      ana.until(d -> ana.find("#live-status").getAttribute("class").contains("on"), "connect the live stream");
      assertThat(ana.present("#t-" + threadId)).isTrue();
      assertThat(ana.present("#t-" + threadId + " .reply-mark")).isFalse();
      ana.script("window.noReload = 'still here';");

      String messageId = reply.path("messageId").asText();
      ingest("<hinge-2@example.org>", messageId.startsWith("<") ? messageId : "<" + messageId + ">",
          "Re: Broken hinge on the cabinet", "Thanks! Which size is it?");

      ana.until(d -> ana.present("#t-" + threadId + " .reply-mark"), "see the customer's answer live");
      assertThat(ana.text("#t-" + threadId + " .reply-mark")).isEqualTo("Customer replied");
      assertThat(ana.find("#t-" + threadId + " .reply-mark").isDisplayed()).isTrue();
      onScreen(ana, "#t-" + threadId + " .reply-mark", width);
      // on Mine, waiting tickets come first (oldest first among them): every row above it waits too, none below does
      java.util.List<String> classes = ana.driver.findElements(org.openqa.selenium.By.cssSelector("tbody tr"))
          .stream().map(row -> row.getAttribute("id") + " " + row.getAttribute("class")).toList();
      int at = classes.indexOf(classes.stream().filter(c -> c.startsWith("t-" + threadId + " ")).findFirst()
          .orElseThrow());
      assertThat(classes.subList(0, at + 1)).allMatch(c -> c.contains("needs-reply"));
      assertThat(classes.subList(at + 1, classes.size())).noneMatch(c -> c.contains("needs-reply"));
      assertThat(classes.size() - at - 1).as("answered tickets below it, in the demo data").isPositive();
      assertThat(ana.script("return window.noReload;")).isEqualTo("still here");
      Screenshots.save(ana, "mine-customer-replied-" + width);

      searchBoxOnScreen(ana, width);
      ana.find("#header-search").sendKeys("which size", Keys.ENTER);
      ana.until(d -> d.getCurrentUrl().contains("q=which+size"), "search the answer");
      assertThat(ana.text("#t-" + threadId + " .snippet mark")).isEqualTo("Which");
    }
  }

  /** The header's search box shows and lies inside the screen, so a tap reaches it. */
  private static void searchBoxOnScreen(Browser browser, int width) {
    assertThat(browser.find("#header-search").isDisplayed()).as("search box shown at " + width + " px").isTrue();
    onScreen(browser, "#header-search", width);
    if (width < 800) {
      // on a phone the box has the header's last row to itself and fills it
      List<?> widths = (List<?>) browser.script("var i = document.getElementById('header-search');"
          + "return [i.getBoundingClientRect().width, i.form.getBoundingClientRect().width,"
          + " document.querySelector('header.top nav').getBoundingClientRect().width];");
      System.out.println("search box, its form, the nav row at " + width + " px: " + widths);
      assertThat(((Number) widths.get(0)).doubleValue()).as("search box fills its row: " + widths)
          .isEqualTo(((Number) widths.get(1)).doubleValue())
          .isEqualTo(((Number) widths.get(2)).doubleValue());
    }
  }

  private static void onScreen(Browser browser, String css, int width) {
    Map<?, ?> box = (Map<?, ?>) browser.script("var r = arguments[0].getBoundingClientRect();"
        + "return {left: r.left, right: r.right, width: r.width};", browser.find(css));
    System.out.printf("%s at %d px: left %s, right %s, width %s%n", css, width, box.get("left"), box.get("right"),
        box.get("width"));
    assertThat(((Number) box.get("left")).doubleValue()).as(css + " left edge at " + width + " px").isNotNegative();
    assertThat(((Number) box.get("right")).doubleValue()).as(css + " right edge at " + width + " px")
        .isLessThanOrEqualTo(width);
    assertThat(((Number) box.get("width")).doubleValue()).as(css + " width at " + width + " px").isPositive();
  }

  private String ingest(String messageId, String inReplyTo, String subject, String body) throws Exception {
    String mail = "From: Zed Quill <zed@example.org>\r\nTo: support@example.com\r\nSubject: " + subject
        + "\r\nMessage-ID: " + messageId + "\r\n" + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
        + "\r\n" + body + "\r\n";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/ingest/raw")).header("Authorization", "Bearer " + INGEST_TOKEN)
        .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofString(mail)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private String post(String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private AppConfig config(Path dataDir) {
    return AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("PUBLIC_BASE_URL", "http://127.0.0.1:" + port),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("DEMO", "true"),
        Map.entry("SUPPORT_ADDRESS", "support@example.com"),
        Map.entry("INGEST_TOKEN", INGEST_TOKEN),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort())),
        Map.entry("SMTP_TLS", "none")));
  }
}
