package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.bot.testing.Await;
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
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack app inside the running claimdesk, configured by the environment: requests signed exactly as Slack signs
 * them go to {@code POST /slack/events}, the Web API is the fake on loopback ({@code SLACK_API_URL}), mail comes in
 * through the raw ingest endpoint and replies leave through GreenMail's SMTP.
 */
class SlackAppTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "slack-signing-secret-for-tests";
  private static final String CHANNEL = "C0SUPPORT";
  private static final String INGEST = "ingest-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SECRET);
  private FakeSlackApi slack;
  private Claimdesk app;
  private String admin;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private int triggers;

  @BeforeEach
  void start() throws Exception {
    slack = FakeSlackApi.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    app = Claimdesk.start(AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("PUBLIC_BASE_URL", "https://desk.example.com"),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("ADMIN_EMAIL", "admin@example.com"),
        Map.entry("ADMIN_PASSWORD", "admin-password-1"),
        Map.entry("SUPPORT_ADDRESS", "support@example.com"),
        Map.entry("INGEST_TOKEN", INGEST),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort())),
        Map.entry("SMTP_TLS", "none"),
        Map.entry("SLACK_BOT_TOKEN", "xoxb-test-token"),
        Map.entry("SLACK_SIGNING_SECRET", SECRET),
        Map.entry("SLACK_CHANNEL_ID", CHANNEL),
        Map.entry("SLACK_API_URL", slack.apiUrl()))), 4);
    admin = JSON.readTree(post("/api/auth/token", Map.of(),
        "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
    // Ana is linked by her Slack user id; Ben only by the email of his Slack profile
    member("U0ANA", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    member("U0BEN", "{\"name\":\"Ben\",\"email\":\"ben@example.com\",\"role\":\"agent\",\"password\":\"ben-password-1\"}");
    slack.addUser("U0BEN", "ben@example.com", "Ben Okafor");
  }

  @AfterEach
  void stop() {
    app.close();
    slack.close();
  }

  @Test
  void ticketMessageFollowsClaimsFromSlackTheApiAndTheDashboard() throws Exception {
    String id = ingest("vpn-1", "Dev Patel <dev@example.org>", "VPN keeps dropping", "Every ten minutes. @channel");
    Await.until(WAIT, () -> slack.calls("chat.postMessage").size() == 1, "the ticket posted");
    String blocks = slack.calls("chat.postMessage").get(0).params().get("blocks");
    assertThat(blocks).contains("New email to support@example.com", "Dev Patel", "dev@example.org",
        "VPN keeps dropping", "Every ten minutes.", "Open", "\"action_id\":\"claim\"", "\"action_id\":\"reply\"",
        "https://desk.example.com/dashboard/tickets/" + id + "/reply", "Click here to reply")
        .doesNotContain("@channel");
    String ts = slack.messages(CHANNEL).get(0).ts();

    assertThat(click("U0ANA", "claim", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> message(ts).contains("Claimed by *Ana*"), "the message shows Ana");
    assertThat(message(ts)).contains("\"action_id\":\"unclaim\"");

    assertThat(click("U0BEN", "claim", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Ben is answered");
    FakeSlackApi.Call answer = slack.calls("response_url").get(0);
    assertThat(answer.params().get("text")).isEqualTo("Ticket is already claimed by ana@example.com");
    assertThat(answer.params().get("response_type")).isEqualTo("ephemeral");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(slack.calls("users.info")).hasSize(1); // Ben was looked up once, by email, and linked

    String ana = token("U0ANA");
    assertThat(post("/api/emails/unclaim", bearer(ana), "{\"threadId\":\"" + id + "\"}").statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !message(ts).contains("Claimed by"), "the API unclaim reaches Slack");
    dashboardClaim("ben@example.com", "ben-password-1", id);
    Await.until(WAIT, () -> message(ts).contains("Claimed by *Ben*"), "Ben's dashboard claim reaches Slack");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ben@example.com");
    assertThat(slack.calls("users.info")).hasSize(1);
    assertThat(slack.calls("chat.postMessage")).hasSize(1);

    HttpResponse<String> metrics = http.send(request("/metrics", Map.of(), null).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body()).contains("# TYPE claimdesk_chat_posts_total counter",
        "claimdesk_chat_posts_total{target=\"slack:C0SUPPORT\"} 1.0\n", "claimdesk_database_up 1.0\n",
        "claimdesk_chat_queued{target=\"slack:C0SUPPORT\"} ");
    assertThat(metrics.body()).containsPattern("claimdesk_chat_updates_total\\{target=\"slack:C0SUPPORT\"\\} [3-9]");
    // Slack's servlet sits beside the routes, and is timed with them
    assertThat(metrics.body()).containsPattern(
        "claimdesk_http_requests_seconds_count\\{method=\"POST\",route=\"/slack/events\",status=\"2xx\"\\} [1-9]");
  }

  @Test
  void replyModalSendsTheMailClaimsTheTicketAndRefusesTheNextReplier() throws Exception {
    String id = ingest("printer-1", "Mia <mia@example.org>", "Printer jams", "Page 3 always jams.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String ts = slack.messages(CHANNEL).get(0).ts();

    assertThat(click("U0ANA", "reply", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the modal opened");
    assertThat(slack.calls("views.open").get(0).params().get("view"))
        .contains("reply_modal", "Page 3 always jams.", id);

    HttpResponse<String> sent = signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0ANA",
        "reply_modal", id, "V1", "reply", "body", "Please try the manual feed.")), Map.of());
    assertThat(JSON.readTree(sent.body()).path("response_action").asText()).isEqualTo("update");
    Await.until(WAIT, () -> GREEN_MAIL.getReceivedMessages().length == 1, "the reply sent");
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("mia@example.org");
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getContent().toString()).contains("Please try the manual feed.");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    Await.until(WAIT, () -> slack.calls("views.update").stream()
        .anyMatch(c -> c.params().get("view").contains("Reply sent")), "the modal shows the outcome");
    Await.until(WAIT, () -> message(ts).contains("Claimed by *Ana*"), "the message shows Ana");

    // Ben opened the form before Ana sent: his submission is refused inside the modal and nothing is sent
    HttpResponse<String> blocked = signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0BEN",
        "reply_modal", id, "V2", "reply", "body", "Try turning it off")), Map.of());
    JsonNode errors = JSON.readTree(blocked.body());
    assertThat(errors.path("response_action").asText()).isEqualTo("errors");
    assertThat(errors.path("errors").path("reply").asText()).isEqualTo("Ticket is already claimed by ana@example.com");
    Thread.sleep(500);
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
  }

  @Test
  void forgedStaleAndFutureRequestsAreRefusedAndChangeNothing() throws Exception {
    String id = ingest("sec-1", "Eve <eve@example.org>", "Hello", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("x"), "forged-1"));
    long now = Instant.now().getEpochSecond();
    Map<String, String> forged = new LinkedHashMap<>(signer.headers(body, now));
    forged.put(SlackSigner.SIGNATURE_HEADER, new SlackSigner("not-the-secret").signature(body, now));
    assertThat(raw(body, forged).statusCode()).isEqualTo(401);
    assertThat(raw(body, signer.headers(body, now - 600)).statusCode()).isEqualTo(401);
    assertThat(raw(body, signer.headers(body, now + 600)).statusCode()).isEqualTo(401);
    assertThat(raw(body, Map.of()).statusCode()).isEqualTo(401);
    Thread.sleep(300);
    assertThat(ticket(id).path("assignedTo").isNull()).isTrue();
    assertThat(ticket(id).path("history")).isEmpty();
  }

  @Test
  void malformedOversizedAndUnknownInputGetClearAnswersAndChangeNothing() throws Exception {
    String id = ingest("bad-1", "Zed <zed@example.org>", "Bad input", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    assertThat(signed("payload=%7Bnot-json", Map.of()).statusCode()).isEqualTo(400);
    String huge = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("big"), "x".repeat(600_000)));
    assertThat(signed(huge, Map.of()).statusCode()).isEqualTo(413);

    assertThat(click("U0ANA", "claim", "000000000000000000000000", "1.0").statusCode()).isEqualTo(200);
    assertThat(click("U0NOBODY", "claim", id, "1.0").statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> slack.calls("response_url").size() == 2, "both answered");
    assertThat(slack.calls("response_url")).extracting(c -> c.params().get("text"))
        .containsExactlyInAnyOrder("Ticket not found", "Your Slack account is not linked to a claimdesk team member. "
            + "Ask an admin to add you to the team with the email address of your Slack profile or with your Slack "
            + "member ID.");
    assertThat(ticket(id).path("assignedTo").isNull()).isTrue();
    assertThat(ticket(id).path("history")).isEmpty();
  }

  @Test
  void aRetriedDeliveryOfAnAppliedClickChangesNothing() throws Exception {
    String id = ingest("retry-1", "Kim <kim@example.org>", "Retry me", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("r"), "trigger-retry-1"));
    assertThat(signed(body, Map.of()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> "ana@example.com".equals(ticket(id).path("assignedToEmail").asText()), "claimed");
    assertThat(post("/api/emails/unclaim", bearer(token("U0ANA")), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);
    // Slack did not see the first ack in time and delivers the same click again
    assertThat(signed(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
        .isEqualTo(200);
    Thread.sleep(500);
    assertThat(ticket(id).path("assignedTo").isNull()).isTrue();
  }

  @Test
  void ticketsCommandListsMineAndUnassignedWithClaimButtons() throws Exception {
    String mine = ingest("list-1", "A <a@example.org>", "Mine to do", "Text");
    String open = ingest("list-2", "B <b@example.org>", "Nobody has this", "Text");
    post("/api/emails/claim", bearer(token("U0ANA")), "{\"threadId\":\"" + mine + "\"}");
    String form = SlackPayloads.slashCommand("U0ANA", "ana", CHANNEL, "/tickets", "", slack.responseUrl("cmd"),
        "trigger-cmd-1");
    assertThat(signed(form, Map.of()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "answered");
    String answer = slack.calls("response_url").get(0).body();
    assertThat(answer).contains("ephemeral", "Mine to do", "Nobody has this", "\"claim\"", open);
  }

  /** Signs in on the dashboard's login form as a browser would and presses the ticket page's Claim button. */
  private void dashboardClaim(String email, String password, String threadId) throws Exception {
    HttpResponse<String> form = http.send(request("/login", Map.of(), null).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String loginCookie = cookie(form, "claimdesk_login");
    String formToken = Jsoup.parse(form.body()).selectFirst("input[name=formToken]").attr("value");
    HttpResponse<String> login = http.send(request("/login", Map.of("Cookie", "claimdesk_login=" + loginCookie,
        "Content-Type", "application/x-www-form-urlencoded"), "formToken=" + encode(formToken) + "&email="
        + encode(email) + "&password=" + encode(password)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    String session = "claimdesk_session=" + cookie(login, "claimdesk_session");
    HttpResponse<String> page = http.send(request("/dashboard/tickets/" + threadId, Map.of("Cookie", session), null)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    String csrf = Jsoup.parse(page.body()).selectFirst("meta[name=csrf-token]").attr("content");
    HttpResponse<String> claimed = http.send(request("/dashboard/tickets/" + threadId + "/claim", Map.of("Cookie",
        session, "Content-Type", "application/x-www-form-urlencoded"), "_csrf=" + encode(csrf)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(claimed.statusCode()).as(claimed.body()).isIn(200, 302, 303);
  }

  private static String cookie(HttpResponse<String> response, String name) {
    // the last value set wins; a login first clears any older session cookie
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .filter(value -> !value.isEmpty()).reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no cookie " + name));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private String ingest(String key, String from, String subject, String text) throws Exception {
    String raw = "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\nMessage-ID: <" + key
        + "@example.org>\r\n\r\n" + text + "\r\n";
    HttpResponse<String> response = http.send(request("/api/ingest/raw", bearer(INGEST), raw)
        .header("Content-Type", "message/rfc822").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private HttpResponse<String> click(String user, String action, String threadId, String ts) throws Exception {
    return signed(SlackSigner.interactionBody(SlackPayloads.blockAction(user, action, threadId, CHANNEL, ts,
        slack.responseUrl(user + "-" + action), "trigger-" + (++triggers))), Map.of());
  }

  private HttpResponse<String> signed(String body, Map<String, String> extra) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(signer.headers(body, Instant.now().getEpochSecond()));
    headers.putAll(extra);
    return raw(body, headers);
  }

  private HttpResponse<String> raw(String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = request("/slack/events", headers, body)
        .header("Content-Type", body.startsWith("payload=") || body.contains("command=")
            ? "application/x-www-form-urlencoded" : "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String message(String ts) {
    return slack.message(CHANNEL, ts).map(m -> m.blocksJson() == null ? "" : m.blocksJson()).orElse("");
  }

  private JsonNode ticket(String id) {
    try {
      return JSON.readTree(http.send(request("/api/emails/tickets/" + id, bearer(admin), null).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void member(String slackUser, String json) throws Exception {
    HttpResponse<String> created = post("/api/team", bearer(admin), json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    tokens.put(slackUser, JSON.readTree(created.body()).path("apiToken").asText());
  }

  private String token(String slackUser) {
    return tokens.get(slackUser);
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
    return http.send(request(path, headers, body).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (body != null) {
      request.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    headers.forEach(request::header);
    return request;
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }
}
