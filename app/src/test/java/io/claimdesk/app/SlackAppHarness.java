package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jsoup.Jsoup;

/**
 * The whole claimdesk started in-process with Slack configured, for the app's Slack tests: the Slack Web API is the
 * fake on loopback, requests to {@code POST /slack/events} are signed as Slack signs them, mail comes in through the
 * raw ingest endpoint, and the admin's token signs in the team and ticket requests. Closing it stops claimdesk, then
 * the fake.
 */
final class SlackAppHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "slack-signing-secret-for-tests";
  static final String CHANNEL = "C0SUPPORT";
  static final String INGEST = "ingest-token-0123456789";
  static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SECRET);
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final FakeSlackApi slack;
  private final Claimdesk app;
  private String admin;
  private int triggers;

  private SlackAppHarness(FakeSlackApi slack, Claimdesk app) {
    this.slack = slack;
    this.app = app;
  }

  /** Starts claimdesk with {@link #start(Path, Consumer)}'s environment as it is. */
  static SlackAppHarness start(Path dataDir) throws Exception {
    return start(dataDir, env -> { });
  }

  /**
   * Starts the fake Slack, then claimdesk on a free port with the admin, the support address, the ingest token and
   * Slack set in its environment; {@code env} may add to that environment or take from it before the start.
   */
  static SlackAppHarness start(Path dataDir, Consumer<Map<String, String>> env) throws Exception {
    FakeSlackApi slack = FakeSlackApi.start();
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put("PORT", Integer.toString(port));
      variables.put("PUBLIC_BASE_URL", "https://desk.example.com");
      variables.put("DATA_DIR", dataDir.toString());
      variables.put("ADMIN_EMAIL", "admin@example.com");
      variables.put("ADMIN_PASSWORD", "admin-password-1");
      variables.put("SUPPORT_ADDRESS", "support@example.com");
      variables.put("INGEST_TOKEN", INGEST);
      variables.put("SLACK_BOT_TOKEN", "xoxb-test-token");
      variables.put("SLACK_SIGNING_SECRET", SECRET);
      variables.put("SLACK_CHANNEL_ID", CHANNEL);
      variables.put("SLACK_API_URL", slack.apiUrl());
      env.accept(variables);
      return new SlackAppHarness(slack, Claimdesk.start(AppConfig.fromEnv(variables), 4));
    } catch (Exception | Error e) {
      slack.close();
      throw e;
    }
  }

  /** The environment that sends mail through the SMTP server on {@code port} of loopback, without TLS. */
  static Map<String, String> smtp(int port) {
    return Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port), "SMTP_TLS", "none");
  }

  FakeSlackApi slack() {
    return slack;
  }

  Claimdesk app() {
    return app;
  }

  /** The admin's API token, from {@code /api/auth/token} the first time it is asked for. */
  String admin() throws Exception {
    if (admin == null) {
      admin = JSON.readTree(post("/api/auth/token", Map.of(),
          "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
    }
    return admin;
  }

  /** Adds a team member as the admin and keeps its API token under {@code key}; the member as created. */
  JsonNode member(String key, String json) throws Exception {
    HttpResponse<String> created = post("/api/team", bearer(admin()), json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode member = JSON.readTree(created.body());
    tokens.put(key, member.path("apiToken").asText());
    return member;
  }

  /** The API token of the member added under {@code key}. */
  String token(String key) {
    return tokens.get(key);
  }

  /** Posts a raw mail to the support address to the ingest endpoint, which must accept it; its ticket's id. */
  String ingest(String key, String from, String subject, String text) throws Exception {
    return ApiCalls.ingest(http, app.port(), INGEST, ApiCalls.mail(key, from, subject, text));
  }

  /** The ticket as the admin reads it; unchecked, for use inside waits. */
  JsonNode ticket(String id) {
    try {
      return JSON.readTree(get("/api/emails/tickets/" + id, bearer(admin())).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The blocks of the channel message at {@code ts}, empty while there is none. */
  String message(String ts) {
    return slack.message(CHANNEL, ts).map(m -> m.blocksJson() == null ? "" : m.blocksJson()).orElse("");
  }

  /** The next trigger id, unique in this run. */
  String trigger() {
    return "trigger-" + (++triggers);
  }

  /** A click by {@code user} on the {@code action} button of the ticket's channel message at {@code ts}. */
  HttpResponse<String> click(String user, String action, String threadId, String ts) throws Exception {
    return signed(SlackSigner.interactionBody(SlackPayloads.blockAction(user, action, threadId, CHANNEL, ts,
        slack.responseUrl(user + "-" + action), trigger())));
  }

  HttpResponse<String> signed(String body) throws Exception {
    return signed(body, Map.of());
  }

  /** {@code body} to {@code /slack/events}, signed now, with the {@code extra} headers. */
  HttpResponse<String> signed(String body, Map<String, String> extra) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(signer.headers(body, Instant.now().getEpochSecond()));
    headers.putAll(extra);
    return raw(body, headers);
  }

  /** {@code body} to {@code /slack/events} with {@code headers} only, as form or JSON by what it holds. */
  HttpResponse<String> raw(String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = request("/slack/events", headers, body)
        .header("Content-Type", body.startsWith("payload=") || body.contains("command=")
            ? "application/x-www-form-urlencoded" : "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in on the dashboard's login form as a browser would and presses the ticket page's Claim button. */
  void dashboardClaim(String email, String password, String threadId) throws Exception {
    String session = DashboardSignIn.session(http, app.port(), email, password);
    HttpResponse<String> page = get("/dashboard/tickets/" + threadId, Map.of("Cookie", session));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    String csrf = Jsoup.parse(page.body()).selectFirst("meta[name=csrf-token]").attr("content");
    HttpResponse<String> claimed = http.send(request("/dashboard/tickets/" + threadId + "/claim", Map.of("Cookie",
        session, "Content-Type", "application/x-www-form-urlencoded"), "_csrf=" + DashboardSignIn.encode(csrf))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(claimed.statusCode()).as(claimed.body()).isIn(200, 302, 303);
  }

  HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    return http.send(request(path, headers, null).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, String json) throws Exception {
    return http.send(request(path, headers, json).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> put(String path, Map<String, String> headers, String json) throws Exception {
    return http.send(request(path, headers, null).PUT(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request to claimdesk with {@code headers}; a POST of {@code body} unless it is null. */
  HttpRequest.Builder request(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (body != null) {
      request.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    headers.forEach(request::header);
    return request;
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    app.close();
    slack.close();
  }
}
