package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.bot.testing.FakeDiscordState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discord gateway after its holder dies: A (in this JVM) runs the embedded database and opens it on loopback
 * with EMBEDDED_MONGO_ADDRESS; B and C are {@code claimdesk.jar} processes on it, both configured for one fake
 * Discord. Only the holder of the discord-gateway lease identifies; after a SIGKILL to it (no release) the other
 * identifies once the lease expires, within 30 s, and a Claim click dispatched after that is acknowledged and the
 * ticket's one message edited to show the claimer with an Unclaim button.
 */
class DiscordTakeoverIT {
  private static final String TOKEN = "discord-bot-token-for-tests";
  private static final String INGEST = "ingest-token-0123456789";
  private static final String LEASE = Claimdesk.DISCORD_LEASE;
  private static final String D1 = "700000000000000001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anotherInstanceShouldTakeTheGatewayWithin30SecondsOfTheHoldersKillAndAnswerClicks(@TempDir Path dir)
      throws Exception {
    int mongoPort = FreePorts.next();
    String uri = "mongodb://127.0.0.1:" + mongoPort + "/?serverSelectionTimeoutMS=5000";
    Map<String, String> envA = Map.of("PORT", Integer.toString(FreePorts.next()), "DATA_DIR", dir.resolve("a").toString(),
        "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort, "ADMIN_EMAIL", "admin@example.com",
        "ADMIN_PASSWORD", "admin-password-1", "INGEST_TOKEN", INGEST, "SUPPORT_ADDRESS", "support@example.com");
    ChildClaimdesk b = null;
    ChildClaimdesk c = null;
    try (FakeDiscord discord = FakeDiscord.start(TOKEN);
        Claimdesk a = Claimdesk.start(AppConfig.fromEnv(envA), 4)) {
      b = start("b", dir, uri, discord);
      c = start("c", dir, uri, discord);
      b.awaitHealthy();
      c.awaitHealthy();
      ChildClaimdesk bb = b;
      ChildClaimdesk cc = c;
      Await.until(Duration.ofSeconds(30), () -> bb.holds(LEASE) || cc.holds(LEASE), "a gateway holder");
      Await.until(Duration.ofSeconds(30), () -> discord.readyConnections() == 1, "one gateway connection");
      Thread.sleep(3_000); // a few lease ticks: the other instance must stay off the gateway
      assertThat(discord.identifies()).as("IDENTIFYs before the kill").isEqualTo(1);
      assertThat(b.holds(LEASE) && c.holds(LEASE)).as("both hold").isFalse();
      ChildClaimdesk holder = b.holds(LEASE) ? b : c;
      ChildClaimdesk other = holder == b ? c : b;

      String admin = JSON.readTree(post(a.port(), "/api/auth/token", null,
          "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
      HttpResponse<String> ana = post(a.port(), "/api/team", admin, "{\"name\":\"Ana\",\"email\":\"ana@example.com\","
          + "\"role\":\"agent\",\"discordUserId\":\"" + D1 + "\"}");
      assertThat(ana.statusCode()).as(ana.body()).isEqualTo(201);
      String id = ingest(a.port());
      Await.until(Duration.ofSeconds(30), () -> messageOf(discord, id).isPresent(), "the ticket posted by the holder");
      String messageId = messageOf(discord, id).orElseThrow().get("id").asText();
      // killed between its post and recording it, the holder would leave that ticket to the other instance only
      // after the ticket's chat lease (60 s): the kill comes once the post is recorded
      try (MongoClient client = MongoClients.create(a.embeddedConnectionString().orElseThrow())) {
        MongoCollection<Document> chat = client.getDatabase("claimdesk").getCollection("chat_messages");
        Await.until(Duration.ofSeconds(20), () -> chat.countDocuments(new Document("threadId", id)
            .append("messageRef", new Document("$ne", null)).append("behind", false)) == 1, "the post recorded");
      }

      long killedAt = System.nanoTime();
      assertThat(holder.kill()).isTrue(); // SIGKILL: the lease is not released, only expires
      Await.until(Duration.ofSeconds(40), () -> discord.identifies() == 2 && discord.readyConnections() == 1,
          "the other instance to identify");
      Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.printf("kill -9 of %s; %s identified after %.1f s; IDENTIFYs %d%n", holder.name, other.name,
          takeover.toMillis() / 1000.0, discord.identifies());
      assertThat(takeover).isLessThan(Duration.ofSeconds(30));
      assertThat(other.holds(LEASE)).isTrue();

      String click = discord.click(D1, "ana", messageId, "claim:" + id);
      Await.until(Duration.ofSeconds(20), () -> discord.callback(click).isPresent(), "the click acknowledged");
      FakeDiscordState.Callback ack = discord.callback(click).orElseThrow();
      System.out.printf("click after the takeover acknowledged in %d ms (type %d)%n",
          Duration.between(ack.dispatchedAt(), ack.at()).toMillis(), ack.type());
      assertThat(ack.type()).isEqualTo(6);
      assertThat(Duration.between(ack.dispatchedAt(), ack.at())).isLessThan(Duration.ofSeconds(3));
      Await.until(Duration.ofSeconds(20), () -> owner(a.port(), id, admin).equals("ana@example.com"),
          "the ticket claimed by Ana");
      String editPath = "channels/\\d+/messages/" + messageId;
      try {
        Await.until(Duration.ofSeconds(30), () -> discord.calls("PATCH", editPath).stream()
            .anyMatch(e -> e.status() == 200 && e.body().toString().contains("Claimed by Ana")), "the message edited");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; calls " + discord.calls() + "; " + other.name + "'s log:\n"
            + other.tail(), e);
      }
      JsonNode edit = discord.calls("PATCH", editPath).stream().filter(e -> e.status() == 200)
          .reduce((first, last) -> last).orElseThrow().body();
      assertThat(edit.path("components").path(0).path("components").path(0).path("custom_id").asText())
          .isEqualTo("unclaim:" + id);
      assertThat(discord.calls("POST", "channels/\\d+/messages")).as("posted once across the takeover").hasSize(1);
      assertThat(discord.messages()).hasSize(1);
    } finally {
      for (ChildClaimdesk child : new ChildClaimdesk[] {b, c}) {
        if (child != null) {
          child.kill();
        }
      }
    }
  }

  private static Optional<com.fasterxml.jackson.databind.node.ObjectNode> messageOf(FakeDiscord discord, String id) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + id))
        .findFirst();
  }

  private String owner(int port, String id, String admin) {
    try {
      return JSON.readTree(get(port, "/api/emails/tickets/" + id, admin).body()).path("assignedToEmail").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String ingest(int port) throws Exception {
    return ApiCalls.ingest(http, port, INGEST, ApiCalls.mail("takeover-1", "Dev <dev@example.org>",
        "Gateway takeover", "Still there?"));
  }

  private HttpResponse<String> post(int port, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String bearer) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ChildClaimdesk start(String name, Path dir, String uri, FakeDiscord discord) throws IOException {
    return ChildClaimdesk.start(name, dir, uri, Map.of("DISCORD_BOT_TOKEN", TOKEN,
        "DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID, "DISCORD_API_URL", discord.apiUrl()));
  }
}
