package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim made anywhere but Discord reaches the ticket's one Discord message: claimdesk runs with Slack (the fake
 * Web API, signed requests to {@code /slack/events}) and Discord (the fake REST and gateway) on; one ticket is
 * claimed on the dashboard, one by a Slack Claim click, one through the JSON API, and each Discord message is edited
 * to show its claimer and an Unclaim button, none posted twice.
 */
class DiscordClaimElsewhereAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DISCORD_TOKEN = "discord-bot-token-for-tests";
  private static final String SLACK_SECRET = "slack-signing-secret-for-tests";
  private static final String SLACK_CHANNEL = "C0SUPPORT";
  private static final String INGEST = "ingest-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SLACK_SECRET);
  private final Map<String, String> tokens = new HashMap<>();
  private FakeDiscord discord;
  private FakeSlackApi slack;
  private Claimdesk app;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    discord = FakeDiscord.start(DISCORD_TOKEN);
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
        Map.entry("SLACK_SIGNING_SECRET", SLACK_SECRET),
        Map.entry("SLACK_CHANNEL_ID", SLACK_CHANNEL),
        Map.entry("SLACK_API_URL", slack.apiUrl()),
        Map.entry("DISCORD_BOT_TOKEN", DISCORD_TOKEN),
        Map.entry("DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID),
        Map.entry("DISCORD_API_URL", discord.apiUrl()))), 4);
    Await.until(Duration.ofSeconds(30), () -> discord.readyConnections() == 1, "the gateway connected");
    admin = JSON.readTree(post("/api/auth/token", null,
        "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
    member("ana", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    member("ben", "{\"name\":\"Ben\",\"email\":\"ben@example.com\",\"role\":\"agent\",\"password\":\"ben-password-1\"}");
    member("cy", "{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"role\":\"agent\"}");
  }

  @AfterEach
  void stop() {
    app.close();
    slack.close();
    discord.close();
  }

  @Test
  void claimsOnTheDashboardInSlackAndThroughTheApiEachEditTheDiscordMessage() throws Exception {
    String onDashboard = ingest("web-1", "Web ticket");
    String inSlack = ingest("slack-1", "Slack ticket");
    String byApi = ingest("api-1", "API ticket");
    for (String id : List.of(onDashboard, inSlack, byApi)) {
      Await.until(WAIT, () -> discordMessage(id).map(m -> m.toString().contains("claim:" + id)).orElse(false),
          "the Discord message of " + id);
    }
    Await.until(WAIT, () -> slack.messages(SLACK_CHANNEL).size() == 3, "the Slack messages");

    dashboardClaim("ben@example.com", "ben-password-1", onDashboard);
    JsonNode edit = awaitEdit(onDashboard, "Ben");
    System.out.println("dashboard claim → Discord edit: " + edit.path("embeds").path(0).path("fields"));

    String ts = slack.messages(SLACK_CHANNEL).stream()
        .filter(m -> m.blocksJson() != null && m.blocksJson().contains(inSlack)).findFirst().orElseThrow().ts();
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", inSlack, SLACK_CHANNEL, ts,
        slack.responseUrl("U0ANA-claim"), "trigger-1"));
    HttpResponse<String> click = http.send(request("/slack/events", signer.headers(body,
        Instant.now().getEpochSecond()), body).header("Content-Type", "application/x-www-form-urlencoded").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
    awaitEdit(inSlack, "Ana");

    HttpResponse<String> claimed = post("/api/emails/claim", tokens.get("cy"), "{\"threadId\":\"" + byApi + "\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    awaitEdit(byApi, "Cy");

    assertThat(ticket(onDashboard).path("assignedToEmail").asText()).isEqualTo("ben@example.com");
    assertThat(ticket(inSlack).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(ticket(byApi).path("assignedToEmail").asText()).isEqualTo("cy@example.com");
    Thread.sleep(1_000); // a second post, if the sync made one, would show now
    assertThat(discord.calls("POST", "channels/\\d+/messages")).as("Discord posts").hasSize(3);
    assertThat(discord.messages()).hasSize(3);
    assertThat(slack.calls("chat.postMessage")).as("Slack posts").hasSize(3);
  }

  /**
   * Waits for a successful PATCH of the ticket's Discord message that shows {@code name} as the claimer, and checks
   * its first button is Unclaim; the edit's body.
   */
  private JsonNode awaitEdit(String threadId, String name) {
    String messageId = discordMessage(threadId).orElseThrow().get("id").asText();
    String path = "channels/\\d+/messages/" + messageId;
    Await.until(WAIT, () -> discord.calls("PATCH", path).stream()
        .anyMatch(c -> c.status() == 200 && c.body().toString().contains("Claimed by " + name)),
        "the Discord message of " + threadId + " edited to show " + name);
    JsonNode edit = discord.calls("PATCH", path).stream()
        .filter(c -> c.status() == 200 && c.body().toString().contains("Claimed by " + name)).findFirst()
        .orElseThrow().body();
    JsonNode buttons = edit.path("components").path(0).path("components");
    assertThat(buttons.path(0).path("custom_id").asText()).isEqualTo("unclaim:" + threadId);
    assertThat(buttons.toString()).doesNotContain("\"claim:" + threadId);
    assertThat(buttons.path(1).path("custom_id").asText()).isEqualTo("reply:" + threadId);
    return edit;
  }

  private Optional<ObjectNode> discordMessage(String threadId) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

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
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .filter(value -> !value.isEmpty()).reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no cookie " + name));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private String ingest(String key, String subject) throws Exception {
    String raw = "From: Customer <customer@example.org>\r\nTo: support@example.com\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + key + "@example.org>\r\n\r\nHello.\r\n";
    HttpResponse<String> response = http.send(request("/api/ingest/raw", Map.of("Authorization", "Bearer " + INGEST),
        raw).header("Content-Type", "message/rfc822").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private JsonNode ticket(String id) throws Exception {
    return JSON.readTree(http.send(request("/api/emails/tickets/" + id, Map.of("Authorization", "Bearer " + admin),
        null).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private void member(String name, String json) throws Exception {
    HttpResponse<String> created = post("/api/team", admin, json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    tokens.put(name, JSON.readTree(created.body()).path("apiToken").asText());
  }

  private HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    return http.send(request(path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), body)
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (body != null) {
      request.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    headers.forEach(request::header);
    return request;
  }
}
