package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reassign from Slack in the running app, with interactions signed as Slack signs them and the Web API faked on
 * loopback: the ticket message's overflow menu opens the members modal for a manager, its submission reassigns
 * ({@code via: slack}) and the channel message shows the new owner; an agent is refused with the rule's text.
 */
class SlackReassignAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "slack-signing-secret-for-tests";
  private static final String CHANNEL = "C0SUPPORT";
  private static final String INGEST = "ingest-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SECRET);
  private final Map<String, String> ids = new LinkedHashMap<>();
  private FakeSlackApi slack;
  private Claimdesk app;
  private String admin;
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
        Map.entry("SLACK_BOT_TOKEN", "xoxb-test-token"),
        Map.entry("SLACK_SIGNING_SECRET", SECRET),
        Map.entry("SLACK_CHANNEL_ID", CHANNEL),
        Map.entry("SLACK_API_URL", slack.apiUrl()))), 4);
    admin = JSON.readTree(post("/api/auth/token", Map.of(),
        "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
    member("U0ANA", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    member("U0BO", "{\"name\":\"Bo\",\"email\":\"bo@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0BO\"}");
    member("U0MIA", "{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"role\":\"manager\",\"slackUserId\":\"U0MIA\"}");
  }

  @AfterEach
  void stop() {
    app.close();
    slack.close();
  }

  @Test
  void aManagerShouldReassignFromTheMessageMenuAndAnAgentBeRefused() throws Exception {
    String id = ingest("reassign-1", "Dev Patel <dev@example.org>", "VPN keeps dropping", "Every ten minutes.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "the ticket posted");
    String ts = slack.messages(CHANNEL).get(0).ts();
    assertThat(message(ts)).contains("\"type\":\"overflow\"", "\"action_id\":\"ticket_menu\"",
        "\"value\":\"reassign:" + id + "\"");
    assertThat(post("/api/emails/claim", bearer(admin), "{\"threadId\":\"" + id + "\"}").statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> message(ts).contains("Claimed by *"), "the message shows the admin");

    assertThat(choose("U0ANA", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Ana is answered");
    FakeSlackApi.Call refusal = slack.calls("response_url").get(0);
    assertThat(refusal.params().get("text")).isEqualTo("Only managers can reassign tickets");
    assertThat(refusal.params().get("response_type")).isEqualTo("ephemeral");
    assertThat(slack.calls("views.open")).isEmpty();

    assertThat(choose("U0MIA", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the modal opened for Mia");
    JsonNode view = JSON.readTree(slack.calls("views.open").get(0).params().get("view"));
    assertThat(view.path("callback_id").asText()).isEqualTo("reassign_modal");
    assertThat(view.path("private_metadata").asText()).isEqualTo(id);
    JsonNode select = view.path("blocks").path(1).path("element");
    assertThat(select.path("type").asText()).isEqualTo("static_select");
    List<String> options = new ArrayList<>();
    select.path("options").forEach(o -> options.add(o.path("text").path("text").asText() + "="
        + o.path("value").asText()));
    assertThat(options).containsExactlyInAnyOrder("Ana=" + ids.get("U0ANA"), "Bo=" + ids.get("U0BO"),
        "Mia=" + ids.get("U0MIA"), "Admin=" + ticket(id).path("assignedTo").asText());

    // the same submission by an agent (forged: she never got the modal) is refused inside the modal
    HttpResponse<String> forged = submit("U0ANA", id, ids.get("U0ANA"));
    assertThat(JSON.readTree(forged.body()).path("errors").path("reassign").asText())
        .isEqualTo("Only managers can reassign tickets");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("admin@example.com");

    HttpResponse<String> done = submit("U0MIA", id, ids.get("U0BO"));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).isEmpty();
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("bo@example.com");
    Await.until(WAIT, () -> message(ts).contains("Claimed by *Bo*"), "the message shows Bo");
    String csv = http.send(request("/api/assignment-events?format=csv", bearer(admin), null).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(csv.lines().filter(l -> l.contains(id) && l.contains(",reassigned,")))
        .containsExactly(csv.lines().filter(l -> l.contains(",reassigned,")).findFirst().orElseThrow())
        .singleElement().satisfies(l -> assertThat(l).endsWith(",mia@example.com,admin@example.com,bo@example.com,slack"));
  }

  /** The overflow menu's "Reassign…" chosen on the ticket message, as Slack posts it. */
  private HttpResponse<String> choose(String user, String threadId, String ts) throws Exception {
    JsonObject payload = JsonParser.parseString(SlackPayloads.blockAction(user, "ticket_menu", null, CHANNEL, ts,
        slack.responseUrl(user + "-menu"), "trigger-" + (++triggers))).getAsJsonObject();
    JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
    action.addProperty("type", "overflow");
    JsonObject option = new JsonObject();
    JsonObject text = new JsonObject();
    text.addProperty("type", "plain_text");
    text.addProperty("text", "Reassign…");
    option.add("text", text);
    option.addProperty("value", "reassign:" + threadId);
    action.add("selected_option", option);
    return signed(SlackSigner.interactionBody(payload.toString()));
  }

  /** The reassign modal submitted with {@code memberId} chosen in its select. */
  private HttpResponse<String> submit(String user, String threadId, String memberId) throws Exception {
    JsonObject payload = JsonParser.parseString(SlackPayloads.viewSubmission(user, "reassign_modal", threadId,
        "V0REASSIGN", "reassign", "member", "x")).getAsJsonObject();
    JsonObject input = payload.getAsJsonObject("view").getAsJsonObject("state").getAsJsonObject("values")
        .getAsJsonObject("reassign").getAsJsonObject("member");
    input.remove("value");
    input.addProperty("type", "static_select");
    JsonObject selected = new JsonObject();
    selected.addProperty("value", memberId);
    input.add("selected_option", selected);
    return signed(SlackSigner.interactionBody(payload.toString()));
  }

  private HttpResponse<String> signed(String body) throws Exception {
    HttpRequest.Builder request = request("/slack/events", signer.headers(body, Instant.now().getEpochSecond()), body)
        .header("Content-Type", "application/x-www-form-urlencoded");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String ingest(String key, String from, String subject, String text) throws Exception {
    String raw = "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\nMessage-ID: <" + key
        + "@example.org>\r\n\r\n" + text + "\r\n";
    HttpResponse<String> response = http.send(request("/api/ingest/raw", bearer(INGEST), raw)
        .header("Content-Type", "message/rfc822").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private String message(String ts) {
    return slack.message(CHANNEL, ts).map(m -> m.blocksJson() == null ? "" : m.blocksJson()).orElse("");
  }

  private JsonNode ticket(String id) throws Exception {
    return JSON.readTree(http.send(request("/api/emails/tickets/" + id, bearer(admin), null).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private void member(String slackUser, String json) throws Exception {
    HttpResponse<String> created = post("/api/team", bearer(admin), json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    ids.put(slackUser, JSON.readTree(created.body()).path("_id").asText());
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
