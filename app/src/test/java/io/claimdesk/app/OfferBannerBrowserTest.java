package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offer banner in headless Chromium against the running app: with round robin and offers on, mail that arrives
 * is offered to the one online member, whose open page shows the banner without a reload; Accept makes her the
 * owner; a second offer's banner goes away by itself when a manager takes the ticket meanwhile, a third's when it
 * expires.
 */
class OfferBannerBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST_TOKEN = "ingest-token-for-offer-banner";
  private static final Path SHOTS = Path.of("target", "screenshots");
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @BeforeAll
  static void needsChromium() {
    Browser.assumeAvailable();
  }

  @Test
  void offerBannerShouldAppearLiveAndAcceptTheTicket(@TempDir Path dataDir) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("PORT", Integer.toString(port),
            "PUBLIC_BASE_URL", "http://127.0.0.1:" + port, "DATA_DIR", dataDir.toString(),
            "INGEST_TOKEN", INGEST_TOKEN, "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "admin-password-1")), 4);
        Browser ana = new Browser("http://127.0.0.1:" + port)) {
      String admin = token("admin@example.com", "admin-password-1");
      assertThat(send("POST", "/api/team", admin, "{\"name\":\"Ana Alvarez\",\"email\":\"ana@example.com\","
          + "\"password\":\"password-of-ana\"}").statusCode()).isEqualTo(201);
      send("PUT", "/api/team/me/availability", admin, "{\"availability\":\"away\"}");
      assertThat(send("PUT", "/api/settings/assignment", admin,
          "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":300}").statusCode()).isEqualTo(200);

      ana.login("ana@example.com", "password-of-ana");
      ana.open("/dashboard/tickets/mine");
      ana.until(d -> ana.find("#live-status").getAttribute("class").contains("on"), "connect the live stream");
      assertThat(ana.driver.findElements(org.openqa.selenium.By.cssSelector("#offer-banner .offer"))).isEmpty();
      ana.script("window.noReload = 'still here';");

      String first = ingest(1, "Printer on fire");
      ana.until(d -> ana.present("#offer-banner .offer[data-thread='" + first + "']"), "see the offer banner");
      assertThat(ana.script("return window.noReload;")).isEqualTo("still here");
      assertThat(ana.text("#offer-banner .offer-subject")).isEqualTo("Printer on fire");
      assertThat(ana.text("#offer-banner .offer-customer")).isEqualTo("from Carla Diaz <carla@example.org>");
      assertThat(ana.text("#offer-banner .offer-left")).matches("[45] min \\d{1,2} s");
      ana.screenshot(SHOTS.resolve("offer-banner.png"));
      // drawn with the page too, on every dashboard page (the softphone's, from another module, included)
      ana.open("/dashboard/phone");
      assertThat(ana.find("#offer-banner .offer[data-thread='" + first + "'] .offer-subject").getText())
          .isEqualTo("Printer on fire");
      ana.open("/dashboard/tickets/mine");

      ana.find("#offer-banner .offer-accept").click();
      ana.until(d -> d.getCurrentUrl().endsWith("/dashboard/tickets/" + first), "open the accepted ticket");
      assertThat(ana.text(".flash")).isEqualTo("You now own “Printer on fire”.");
      assertThat(ana.present("#offer-banner .offer")).isFalse();
      JsonNode owned = JSON.readTree(send("GET", "/api/emails/tickets/" + first, admin, null).body());
      assertThat(owned.path("assignedToEmail").asText()).isEqualTo("ana@example.com");
      String csv = send("GET", "/api/assignment-events?format=csv", admin, null).body();
      assertThat(csv.lines().filter(l -> l.contains(first) && l.contains(",accepted,")).count()).isEqualTo(1);

      // a second offer, taken by a manager before Ana answers: the banner goes without a reload
      ana.script("window.noReload = 'still here';");
      String second = ingest(2, "Second problem");
      ana.until(d -> ana.present("#offer-banner .offer[data-thread='" + second + "']"), "see the second offer");
      assertThat(send("POST", "/api/emails/claim", admin, "{\"threadId\":\"" + second + "\"}").statusCode())
          .isEqualTo(200);
      ana.within(Duration.ofSeconds(10), d -> !ana.present("#offer-banner .offer"), "see the offer banner go");
      assertThat(ana.script("return window.noReload;")).isEqualTo("still here");
      assertThat(send("GET", "/api/offers/mine", token("ana@example.com", "password-of-ana"), null).body())
          .isEqualTo("{\"offers\":[]}");

      // a third offer left unanswered: when it expires (nobody else is online to take it) the banner goes too
      assertThat(send("PUT", "/api/settings/assignment", admin, "{\"offerTimeoutSeconds\":10}").statusCode())
          .isEqualTo(200);
      String third = ingest(3, "Third problem");
      ana.until(d -> ana.present("#offer-banner .offer[data-thread='" + third + "']"), "see the third offer");
      assertThat(ana.text("#offer-banner .offer-left")).matches("\\d{1,2} s");
      ana.within(Duration.ofSeconds(30), d -> !ana.present("#offer-banner .offer"), "see the expired offer go");
      assertThat(ana.script("return window.noReload;")).isEqualTo("still here");
      String events = send("GET", "/api/assignment-events?format=csv", admin, null).body();
      assertThat(events.lines().filter(l -> l.contains(third) && l.contains(",expired,")).count()).isEqualTo(1);
    }
  }

  private String ingest(int n, String subject) throws Exception {
    String mail = "From: Carla Diaz <carla@example.org>\r\nTo: support@example.com\r\nSubject: " + subject
        + "\r\nMessage-ID: <offer-banner-" + n + "@example.org>\r\n\r\nHello\r\n";
    return ApiCalls.ingest(http, port, INGEST_TOKEN, mail);
  }

  private String token(String email, String password) throws Exception {
    return ApiCalls.token(http, port, email, password);
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    return ApiCalls.send(http, port, method, path, token, json);
  }
}
