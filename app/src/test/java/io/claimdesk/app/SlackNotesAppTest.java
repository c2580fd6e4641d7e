package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes and saved replies from Slack, inside the running claimdesk: signed requests to {@code POST /slack/events},
 * the Web API on the fake, mail out through GreenMail. The message shortcut {@code add_note} on a ticket's message
 * opens the note modal whose submission stores a note (no mail, no claim); the reply modal offers saved replies.
 */
class SlackNotesAppTest {
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
  private String anaToken;
  private String miaToken;
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
    anaToken = member("{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    member("{\"name\":\"Bo\",\"email\":\"bo@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0BO\"}");
    miaToken = member("{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"role\":\"manager\"}");
  }

  @AfterEach
  void stop() {
    app.close();
    slack.close();
  }

  @Test
  void addNoteShortcutShouldStoreANoteWithoutMailOrClaim() throws Exception {
    String id = ingest("vpn-1", "Dev Patel <dev@example.org>", "VPN keeps dropping", "Every ten minutes.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "the ticket posted");
    String ts = slack.messages(CHANNEL).get(0).ts();
    assertThat(post("/api/emails/claim", bearer(anaToken), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);

    HttpResponse<String> shortcut = signed(SlackSigner.interactionBody(SlackPayloads.messageShortcut("U0BO",
        "add_note", CHANNEL, ts, slack.responseUrl("bo-note"), "trigger-" + (++triggers))));
    assertThat(shortcut.statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the note modal opened");
    String view = slack.calls("views.open").get(0).params().get("view");
    assertThat(view).contains("\"callback_id\":\"note_modal\"", "\"private_metadata\":\"" + id + "\"",
        "VPN keeps dropping", "\"action_id\":\"note_input\"");

    HttpResponse<String> submitted = signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0BO",
        "note_modal", id, "V1", "note", "note_input", "Dev's VPN client is version 3, known bug")));
    JsonNode answer = JSON.readTree(submitted.body());
    assertThat(answer.path("response_action").asText()).isEqualTo("update");
    assertThat(answer.path("view").toString()).contains("Internal note added to *VPN keeps dropping*");

    JsonNode ticket = ticket(id);
    JsonNode note = ticket.path("messages").get(1);
    assertThat(note.path("direction").asText()).isEqualTo("note");
    assertThat(note.path("text").asText()).isEqualTo("Dev's VPN client is version 3, known bug");
    assertThat(note.path("from").asText()).isEqualTo("bo@example.com");
    assertThat(ticket.path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(GREEN_MAIL.waitForIncomingEmail(1_000, 1)).isFalse();

    // the shortcut on a message that is not a ticket's says so privately, and opens nothing
    signed(SlackSigner.interactionBody(SlackPayloads.messageShortcut("U0BO", "add_note", CHANNEL,
        "1700000000.000001", slack.responseUrl("bo-other"), "trigger-" + (++triggers))));
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Bo is answered");
    assertThat(slack.calls("response_url").get(0).params().get("text"))
        .isEqualTo("This message is not a claimdesk ticket: use *Add note* on a ticket's message.");
    assertThat(slack.calls("views.open")).hasSize(1);
    assertThat(ticket(id).path("messages")).hasSize(2);
  }

  @Test
  void theReplyModalShouldOfferSavedRepliesAndSendTheChosenText() throws Exception {
    HttpResponse<String> saved = post("/api/saved-replies", bearer(miaToken),
        "{\"title\":\"Restart\",\"body\":\"Please restart the router.\"}");
    assertThat(saved.statusCode()).isEqualTo(201);
    String savedId = JSON.readTree(saved.body()).path("_id").asText();
    String id = ingest("router-1", "Mia Chen <mia@example.org>", "No internet", "Nothing loads.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String ts = slack.messages(CHANNEL).get(0).ts();

    signed(SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "reply", id, CHANNEL, ts,
        slack.responseUrl("ana-reply"), "trigger-" + (++triggers))));
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the reply modal opened");
    JsonNode view = JSON.readTree(slack.calls("views.open").get(0).params().get("view"));
    JsonNode select = view.path("blocks").findParent("options");
    assertThat(select.path("type").asText()).isEqualTo("static_select");
    assertThat(select.path("action_id").asText()).isEqualTo("saved_reply");
    assertThat(select.path("options").get(0).path("text").path("text").asText()).isEqualTo("Restart");
    assertThat(select.path("options").get(0).path("value").asText()).isEqualTo(savedId);

    HttpResponse<String> sent = signed(SlackSigner.interactionBody(SlackPayloads.viewSubmissionWithSelect("U0ANA",
        "reply_modal", id, "V2", "saved", "saved_reply", savedId, "reply", "body", null)));
    assertThat(JSON.readTree(sent.body()).path("response_action").asText()).isEqualTo("update");
    Await.until(WAIT, () -> GREEN_MAIL.getReceivedMessages().length == 1, "the reply sent");
    assertThat(GreenMailUtil.getBody(GREEN_MAIL.getReceivedMessages()[0]))
        .startsWith("Please restart the router.").contains("> Nothing loads.");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
  }

  private String member(String json) throws Exception {
    HttpResponse<String> created = post("/api/team", bearer(admin), json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("apiToken").asText();
  }

  private JsonNode ticket(String id) throws Exception {
    HttpResponse<String> response = http.send(request("/api/emails/tickets/" + id, bearer(admin), null).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private String ingest(String key, String from, String subject, String text) throws Exception {
    String raw = "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\nMessage-ID: <" + key
        + "@example.org>\r\n\r\n" + text + "\r\n";
    HttpResponse<String> response = http.send(request("/api/ingest/raw", bearer(INGEST), raw)
        .header("Content-Type", "message/rfc822").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private HttpResponse<String> signed(String body) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(signer.headers(body, Instant.now().getEpochSecond()));
    HttpRequest.Builder request = request("/slack/events", headers, body)
        .header("Content-Type", "application/x-www-form-urlencoded");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
