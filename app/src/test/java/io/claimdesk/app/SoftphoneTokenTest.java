package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/voice/token} on the running app: only for a signed-in member (session or bearer token), always for
 * that member's identity, an hour long; 503 naming what is missing when Twilio is not configured.
 */
class SoftphoneTokenTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> TWILIO = Map.of(
      "TWILIO_ACCOUNT_SID", "AC" + "1".repeat(32),
      "TWILIO_API_KEY_SID", "SK" + "2".repeat(32),
      "TWILIO_API_KEY_SECRET", "k".repeat(40),
      "TWILIO_TWIML_APP_SID", "AP" + "3".repeat(32));
  static final String ALL_MISSING = "The phone is not configured: set TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, "
      + "TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID";

  @TempDir
  static Path dataDir;
  static Claimdesk app;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    app = Claimdesk.start(config(dataDir.resolve("twilio"), TWILIO), 4);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void withoutSessionOrTokenTheAnswerIs401() throws Exception {
    HttpResponse<String> none = get(HttpClient.newHttpClient(), base + "/api/voice/token", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).get("error").asText())
        .isEqualTo("Missing API token: send Authorization: Bearer <token>");

    HttpResponse<String> wrong = get(HttpClient.newHttpClient(), base + "/api/voice/token?identity=agent_x",
        "Bearer not-a-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("\"token\"");
  }

  @Test
  void aBearerTokenGetsAnHourLongTokenForItsOwnMemberWhateverTheQuerySays() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode login = signIn(http, "ana@example.com");
    String memberId = login.get("memberId").asText();
    JsonNode bo = signIn(http, "bo@example.com");

    long before = System.currentTimeMillis() / 1000;
    HttpResponse<String> response = get(http, base + "/api/voice/token?identity=agent_" + bo.get("memberId")
        .asText(), "Bearer " + login.get("token").asText());
    long after = (System.currentTimeMillis() + 999) / 1000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("identity").asText()).isEqualTo("agent_" + memberId);
    assertThat(body.get("ttlSeconds").asInt()).isEqualTo(3600);
    JsonNode claims = claims(body.get("token").asText());
    System.out.println("bearer token claims: " + claims);
    assertThat(claims.at("/grants/identity").asText()).isEqualTo("agent_" + memberId);
    assertThat(claims.at("/grants/voice/incoming/allow").asBoolean()).isTrue();
    assertThat(claims.at("/grants/voice/outgoing/application_sid").asText()).isEqualTo(TWILIO.get("TWILIO_TWIML_APP_SID"));
    assertThat(claims.get("sub").asText()).isEqualTo(TWILIO.get("TWILIO_ACCOUNT_SID"));
    assertThat(claims.get("exp").asLong() - 3600).isBetween(before, after);
  }

  @Test
  void aDashboardSessionGetsTheTokenOfItsMemberNotTheOneTheQueryNames() throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String anaId = signIn(HttpClient.newHttpClient(), "ana@example.com").get("memberId").asText();
    String boId = signIn(HttpClient.newHttpClient(), "bo@example.com").get("memberId").asText();
    HttpResponse<String> form = get(http, base + "/login", null);
    Matcher token = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(token.find()).isTrue();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("email=bo%40example.com&password=claimdesk-demo&formToken="
            + token.group(1))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);

    HttpResponse<String> response = get(http, base + "/api/voice/token?identity=agent_" + anaId, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("identity").asText()).isEqualTo("agent_" + boId);
    assertThat(claims(body.get("token").asText()).at("/grants/identity").asText()).isEqualTo("agent_" + boId);

    // the page and its script are there for the session too, and the page's policy lets the SDK reach Twilio
    HttpResponse<String> page = get(http, base + "/dashboard/phone", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"softphone\"").contains("id=\"phone-widget\"");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("connect-src 'self' wss://*.twilio.com https://*.twilio.com;").contains("media-src 'self' data:");
    HttpResponse<String> script = get(http, base + "/dashboard/phone/softphone.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    System.out.println("softphone script: " + script.body().length() + " characters");
  }

  @Test
  void withoutTwilioTheTokenIs503NamingEveryMissingVariable() throws Exception {
    try (Claimdesk bare = Claimdesk.start(config(dataDir.resolve("bare"), Map.of()), 4)) {
      String url = "http://127.0.0.1:" + bare.port();
      HttpClient http = HttpClient.newHttpClient();
      String token = signIn(http, url, "ana@example.com").get("token").asText();
      HttpResponse<String> response = get(http, url + "/api/voice/token", "Bearer " + token);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(ALL_MISSING);
    }
  }

  @Test
  void withTheApiKeyButNoAccountThe503NamesTheAccountAlone() throws Exception {
    Map<String, String> env = new HashMap<>(TWILIO);
    env.remove("TWILIO_ACCOUNT_SID");
    try (Claimdesk partial = Claimdesk.start(config(dataDir.resolve("partial"), env), 4)) {
      String url = "http://127.0.0.1:" + partial.port();
      HttpClient http = HttpClient.newHttpClient();
      String token = signIn(http, url, "ana@example.com").get("token").asText();
      HttpResponse<String> response = get(http, url + "/api/voice/token", "Bearer " + token);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(response.body()).get("error").asText())
          .isEqualTo("The phone is not configured: set TWILIO_ACCOUNT_SID");
    }
  }

  @Test
  void theCallersOpenTicketsComeWithTheirOwnersAndBadNumbersAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String bearer = "Bearer " + signIn(http, "ana@example.com").get("token").asText();
    assertThat(get(http, base + "/api/voice/caller-tickets?phone=%2B14155550101", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = get(http, base + "/api/voice/caller-tickets?phone=abc", bearer);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("Invalid phone number: abc");
    HttpResponse<String> unknown = get(http, base + "/api/voice/caller-tickets?phone=%2B14155550199", bearer);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("No contact has the number +14155550199");

    // Carla Diaz of the demo data, the number written as people write it
    HttpResponse<String> carla = get(http, base + "/api/voice/caller-tickets?phone=%2B1%20415%20555%200101", bearer);
    assertThat(carla.statusCode()).isEqualTo(200);
    List<String> shown = new ArrayList<>();
    for (JsonNode t : JSON.readTree(carla.body()).get("tickets")) {
      shown.add(t.get("_id").asText() + " " + t.get("status").asText() + " " + t.get("assignedToName").asText(""));
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode t : JSON.readTree(get(http, base + "/api/emails/tickets?limit=200", bearer).body()).get("tickets")) {
      if ("carla@example.org".equals(t.get("from").asText()) && !"resolved".equals(t.get("status").asText())) {
        expected.add(t.get("_id").asText() + " " + t.get("status").asText() + " " + t.get("assignedToName").asText(""));
      }
    }
    System.out.println("Carla's open tickets: " + shown);
    assertThat(expected).isNotEmpty();
    assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
  }

  static AppConfig config(Path dir, Map<String, String> twilio) throws IOException {
    Map<String, String> env = new HashMap<>(twilio);
    try (ServerSocket socket = new ServerSocket(0)) {
      env.put("PORT", Integer.toString(socket.getLocalPort()));
    }
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("DATA_DIR", dir.toString());
    env.put("DEMO", "true");
    return AppConfig.fromEnv(env);
  }

  static JsonNode signIn(HttpClient http, String email) throws Exception {
    return signIn(http, base, email);
  }

  static JsonNode signIn(HttpClient http, String url, String email) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"claimdesk-demo\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> get(HttpClient http, String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}
