package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.bot.testing.FakeDiscordState;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discord bot inside the running claimdesk, configured by the environment: REST and gateway are the fake
 * Discord on loopback ({@code DISCORD_API_URL}), interactions travel through its gateway and JDA, mail comes in
 * through the raw ingest endpoint and replies leave through GreenMail's SMTP.
 */
class DiscordAppTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "discord-bot-token-for-tests";
  private static final String INGEST = "ingest-token-0123456789";
  private static final String D1 = "700000000000000001";
  private static final String D2 = "700000000000000002";
  private static final String STRANGER = "700000000000000009";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeDiscord discord;
  private Claimdesk app;
  private String admin;
  private final Map<String, String> tokens = new HashMap<>();

  private Map<String, String> env(String token) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Map.ofEntries(
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
        Map.entry("DISCORD_BOT_TOKEN", token),
        Map.entry("DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID),
        Map.entry("DISCORD_API_URL", discord.apiUrl()));
  }

  @BeforeEach
  void start() {
    discord = FakeDiscord.start(TOKEN);
  }

  private void startApp() throws Exception {
    app = Claimdesk.start(AppConfig.fromEnv(env(TOKEN)), 4);
    // the gateway connects once this instance holds the discord-gateway lease, just after the start
    Await.until(Duration.ofSeconds(30), () -> discord.readyConnections() == 1 && discord.guildCommands().size() == 5,
        "the gateway connected and the commands registered");
    admin = JSON.readTree(post("/api/auth/token", Map.of(),
        "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
    member("ana", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"discordUserId\":\"" + D1
        + "\"}");
    member("ben", "{\"name\":\"Ben\",\"email\":\"ben@example.com\",\"role\":\"agent\",\"discordUserId\":\"" + D2
        + "\"}");
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    discord.close();
  }

  @Test
  void oneMessagePerTicketFollowsClicksAndTheApiUnderTheClaimRules() throws Exception {
    startApp();
    assertThat(discord.identifies()).isEqualTo(1);
    String id = ingest("vpn-1", "Dev Patel <dev@example.org>", "VPN keeps dropping", "Every ten minutes. @everyone");
    ObjectNode message = awaitMessage(id, "claim:" + id);
    assertThat(customIds(message)).containsExactly("claim:" + id, "reply:" + id, "link");
    assertThat(message.toString()).contains("📧 New email to support@example.com", "Dev Patel",
        "VPN keeps dropping", "https://desk.example.com/dashboard/tickets/" + id + "/reply")
        .doesNotContain("@everyone");
    String messageId = message.get("id").asText();

    String click = discord.click(D1, "ana", messageId, "claim:" + id);
    FakeDiscordState.Callback ack = callback(click);
    assertThat(ack.type()).isEqualTo(6);
    message = awaitMessage(id, "Claimed by Ana");
    assertThat(customIds(message).get(0)).isEqualTo("unclaim:" + id);
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");

    String steal = discord.click(D2, "ben", messageId, "claim:" + id);
    assertThat(ephemeral(steal)).isEqualTo("Ticket is already claimed by ana@example.com");
    String release = discord.click(D2, "ben", messageId, "unclaim:" + id);
    assertThat(ephemeral(release)).isEqualTo("You can only unclaim your own tickets");
    String stranger = discord.click(STRANGER, "eve", messageId, "claim:" + id);
    assertThat(ephemeral(stranger)).startsWith("Your Discord account is not linked").contains("/link");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");

    assertThat(post("/api/emails/unclaim", bearer(tokens.get("ana")), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);
    assertThat(post("/api/emails/claim", bearer(tokens.get("ben")), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);
    message = awaitMessage(id, "Claimed by Ben");
    assertThat(customIds(message).get(0)).isEqualTo("unclaim:" + id);
    assertThat(discord.calls("POST", "channels/\\d+/messages")).hasSize(1);
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void replyModalSendsTheMailAndClaimsTheTicket() throws Exception {
    startApp();
    String id = ingest("printer-1", "Mia <mia@example.org>", "Printer jams", "Page 3 always jams.");
    String messageId = awaitMessage(id, "reply:" + id).get("id").asText();

    String open = discord.click(D1, "ana", messageId, "reply:" + id);
    FakeDiscordState.Callback modal = callback(open);
    assertThat(modal.type()).isEqualTo(9);
    assertThat(modal.data().path("custom_id").asText()).isEqualTo("reply_modal:" + id);
    assertThat(modal.data().toString()).contains("Page 3 always jams\\\\.");

    String submit = discord.submitModal(D1, "ana", "reply_modal:" + id, "body", "Try the other tray.");
    callback(submit);
    Await.until(WAIT, () -> GREEN_MAIL.getReceivedMessages().length == 1, "the reply mailed");
    assertThat(GreenMailUtil.getBody(GREEN_MAIL.getReceivedMessages()[0])).contains("Try the other tray.");
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("mia@example.org");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    awaitMessage(id, "Claimed by Ana");
  }

  @Test
  void serverErrorsThenRecoveryAndARateLimitLeaveEveryMessageRightAndNonePostedTwice() throws Exception {
    startApp();
    discord.failMessagesFor(500, Duration.ofSeconds(10));
    String first = ingest("fault-1", "A <a@example.org>", "First", "one");
    String second = ingest("fault-2", "B <b@example.org>", "Second", "two");
    assertThat(post("/api/emails/claim", bearer(tokens.get("ana")), "{\"threadId\":\"" + second + "\"}")
        .statusCode()).isEqualTo(200);
    awaitMessage(first, "claim:" + first, Duration.ofSeconds(45));
    awaitMessage(second, "Claimed by Ana", Duration.ofSeconds(20));
    long failed = discord.calls().stream().filter(c -> c.status() == 500).count();
    System.out.println("500s answered while Discord failed: " + failed);
    assertThat(failed).isGreaterThan(0);
    assertThat(discord.calls("POST", "channels/\\d+/messages").stream().filter(c -> c.status() == 200))
        .hasSize(2);

    discord.rateLimitNext(1, 2.0);
    assertThat(post("/api/emails/claim", bearer(tokens.get("ben")), "{\"threadId\":\"" + first + "\"}")
        .statusCode()).isEqualTo(200);
    awaitMessage(first, "Claimed by Ben", Duration.ofSeconds(20));
    List<FakeDiscord.Call> edits = discord.calls("PATCH", "channels/\\d+/messages/\\d+");
    FakeDiscord.Call limited = edits.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
    FakeDiscord.Call retried = edits.stream().filter(c -> c.status() == 200 && c.at().isAfter(limited.at()))
        .findFirst().orElseThrow();
    System.out.println("429 Retry-After 2 s; the retry came " + Duration.between(limited.at(), retried.at()).toMillis()
        + " ms later");
    assertThat(Duration.between(limited.at(), retried.at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(discord.messages()).hasSize(2);
  }

  @Test
  void clicksWorkAfterTheGatewayIsDroppedAndResumed() throws Exception {
    startApp();
    String id = ingest("drop-1", "Lu <lu@example.org>", "Dropped", "again");
    String messageId = awaitMessage(id, "claim:" + id).get("id").asText();
    discord.dropGateway();
    Await.until(Duration.ofSeconds(30), () -> discord.resumes() == 1 && discord.readyConnections() == 1, "resume");
    callback(discord.click(D1, "ana", messageId, "claim:" + id));
    awaitMessage(id, "Claimed by Ana");
    assertThat(discord.identifies()).isEqualTo(1);
  }

  @Test
  void slashLinkGivesASingleUseLinkThatConnectsTheSignedInMember() throws Exception {
    startApp();
    member("cy", "{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"role\":\"agent\",\"password\":\"cy-password-1\"}");
    List<String> names = new ArrayList<>();
    discord.guildCommands().forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("tickets", "available", "away", "link", "Add note");

    String command = discord.slashCommand(STRANGER, "cy", "link");
    assertThat(callback(command).ephemeral()).isTrue();
    String original = "webhooks/\\d+/token-" + command + "/messages/@original";
    Await.until(WAIT, () -> !discord.calls("PATCH", original).isEmpty(), "the link answer");
    String text = discord.calls("PATCH", original).get(0).body().path("content").asText();
    String url = text.substring(text.indexOf("https://desk.example.com/"));
    String path = url.substring("https://desk.example.com".length());
    assertThat(path).matches("/dashboard/link-discord/[A-Za-z0-9_-]{32}");

    String session = signIn("cy@example.com", "cy-password-1");
    HttpResponse<String> confirm = http.send(request(path, Map.of("Cookie", session), null).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains(STRANGER, "cy@example.com");
    String csrf = Jsoup.parse(confirm.body()).selectFirst("input[name=_csrf]").attr("value");
    HttpResponse<String> noCsrf = http.send(request(path, Map.of("Cookie", session, "Content-Type",
        "application/x-www-form-urlencoded"), "").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    HttpResponse<String> linked = http.send(request(path, Map.of("Cookie", session, "Content-Type",
        "application/x-www-form-urlencoded"), "_csrf=" + csrf).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
    assertThat(linked.body()).contains("now connected");
    HttpResponse<String> again = http.send(request(path, Map.of("Cookie", session, "Content-Type",
        "application/x-www-form-urlencoded"), "_csrf=" + csrf).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(410);

    String id = ingest("link-1", "Lu <lu@example.org>", "Linked now", "hello");
    String messageId = awaitMessage(id, "claim:" + id).get("id").asText();
    callback(discord.click(STRANGER, "cy", messageId, "claim:" + id));
    awaitMessage(id, "Claimed by Cy");
    assertThat(ticket(id).path("assignedToEmail").asText()).isEqualTo("cy@example.com");
  }

  private String signIn(String email, String password) throws Exception {
    return DashboardSignIn.session(http, app.port(), email, password);
  }

  @Test
  void aRefusedTokenFailsTheStartWithOneMessageAndWithoutATokenNothingConnects() throws Exception {
    assertThatThrownBy(() -> Claimdesk.start(AppConfig.fromEnv(env("wrong-token")), 4))
        .isInstanceOf(StartupException.class)
        .hasMessage("Discord: Discord refused DISCORD_BOT_TOKEN (401 Unauthorized)");
    Map<String, String> without = new HashMap<>(env(TOKEN));
    without.remove("DISCORD_BOT_TOKEN");
    without.remove("DISCORD_CHANNEL_ID");
    app = Claimdesk.start(AppConfig.fromEnv(without), 4);
    assertThat(app.discord()).isEmpty();
    assertThat(discord.calls()).extracting(FakeDiscord.Call::path).containsExactly("gateway/bot");
    assertThat(discord.identifies()).isZero();
  }

  private Optional<ObjectNode> messageOf(String threadId) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

  private ObjectNode awaitMessage(String threadId, String containing) {
    return awaitMessage(threadId, containing, WAIT);
  }

  private ObjectNode awaitMessage(String threadId, String containing, Duration timeout) {
    Await.until(timeout, () -> messageOf(threadId).map(m -> m.toString().contains(containing)).orElse(false),
        "the message of " + threadId + " to contain " + containing);
    return messageOf(threadId).orElseThrow();
  }

  private static List<String> customIds(JsonNode message) {
    List<String> ids = new ArrayList<>();
    message.path("components").path(0).path("components")
        .forEach(b -> ids.add(b.path("custom_id").asText("link")));
    return ids;
  }

  private FakeDiscordState.Callback callback(String interactionId) {
    Await.until(WAIT, () -> discord.callback(interactionId).isPresent(), "the callback of " + interactionId);
    FakeDiscordState.Callback callback = discord.callback(interactionId).orElseThrow();
    Duration ack = Duration.between(callback.dispatchedAt(), callback.at());
    System.out.println("interaction acknowledged in " + ack.toMillis() + " ms (type " + callback.type() + ")");
    assertThat(ack).isLessThan(Duration.ofSeconds(3));
    return callback;
  }

  private String ephemeral(String interactionId) {
    callback(interactionId);
    Await.until(WAIT, () -> !discord.followups(interactionId).isEmpty(), "a follow-up");
    JsonNode followup = discord.followups(interactionId).get(0);
    assertThat(followup.path("flags").asInt() & 64).isEqualTo(64);
    return followup.path("content").asText();
  }

  private String ingest(String key, String from, String subject, String text) throws Exception {
    return ApiCalls.ingest(http, app.port(), INGEST, ApiCalls.mail(key, from, subject, text));
  }

  private JsonNode ticket(String id) throws Exception {
    return JSON.readTree(http.send(request("/api/emails/tickets/" + id, bearer(admin), null).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private void member(String name, String json) throws Exception {
    HttpResponse<String> created = post("/api/team", bearer(admin), json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    tokens.put(name, JSON.readTree(created.body()).path("apiToken").asText());
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
