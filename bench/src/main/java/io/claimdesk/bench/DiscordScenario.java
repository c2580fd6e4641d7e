package io.claimdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Scenario {@code discord}: claimdesk on the embedded database with Discord on, REST and gateway the fake Discord on
 * loopback, which enforces one bucket of 5 message calls per 5 s on the channel (429 with {@code Retry-After} and
 * {@code X-RateLimit-*} beyond it). (1) N tickets come in by mail and are posted; (2) N members click Claim on N
 * tickets at the same instant through the gateway: time from the dispatch to the interaction callback; (3) a churn
 * of claims and unclaims through the API for a fixed time; then the time until every message shows its ticket's
 * final owner, with the calls made, the 429s answered, and lost updates and duplicate posts counted.
 */
final class DiscordScenario {
  private static final String TOKEN = "bench-discord-token";
  private static final String INGEST = "bench-ingest-token-0123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long USER_BASE = 700_000_000_000_000_000L;

  private DiscordScenario() {}

  static void run(int tickets, int actions, int seconds) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-discord-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpClient http = HttpClient.newHttpClient();
    try (FakeDiscord discord = FakeDiscord.start(TOKEN)) {
      discord.limitMessages(5, Duration.ofSeconds(5));
      Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString(),
          "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "bench-password-1", "INGEST_TOKEN", INGEST,
          "DISCORD_BOT_TOKEN", TOKEN, "DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID,
          "DISCORD_API_URL", discord.apiUrl()));
      try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(env))) {
        Api api = new Api(http, port);
        String admin = JSON.readTree(api.post("/api/auth/token", null,
            "{\"email\":\"admin@example.com\",\"password\":\"bench-password-1\"}").body()).path("token").asText();
        List<String> tokens = new ArrayList<>();
        for (int m = 0; m < tickets; m++) {
          tokens.add(JSON.readTree(api.post("/api/team", admin, "{\"name\":\"Agent " + m + "\",\"email\":\"agent" + m
              + "@example.com\",\"role\":\"agent\",\"discordUserId\":\"" + (USER_BASE + m) + "\"}").body())
              .path("apiToken").asText());
        }
        System.out.printf("%nscenario discord: %d tickets, %d members, fake Discord enforcing 5 message calls per 5 s"
            + " on the channel, embedded H2 database, %d processors%n%n", tickets, tickets,
            Runtime.getRuntime().availableProcessors());
        System.out.println("| phase | figure |");
        System.out.println("|---|---|");

        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
          ids.add(JSON.readTree(api.ingest("From: c" + i + "@example.org\r\nTo: support@example.com\r\nSubject: "
              + "Bench ticket " + i + "\r\nMessage-ID: <bench-" + i + "@example.org>\r\n\r\nText " + i + "\r\n")
              .body()).path("threadId").asText());
        }
        await(Duration.ofMinutes(10), () -> discord.messages().size() >= tickets);
        System.out.printf("| %d new tickets posted | %.1f s, %d posts, %d × 429 |%n", tickets,
            (System.nanoTime() - t0) / 1e9, discord.messages().size(), discord.rateLimited());
        Map<String, String> messageIds = new HashMap<>();
        for (ObjectNode message : discord.messages()) {
          messageIds.put(message.path("embeds").path(0).path("footer").path("text").asText().substring(7),
              message.get("id").asText());
        }

        long clicked = System.nanoTime();
        Latencies acks = clickTogether(discord, ids, messageIds, "claim");
        System.out.printf("| %d concurrent Claim clicks through the gateway, the first of the process, dispatch → "
            + "callback: p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |%n", tickets, acks.percentileMillis(50),
            acks.percentileMillis(95), acks.percentileMillis(99), acks.percentileMillis(100));
        int[] owner = new int[tickets];
        for (int i = 0; i < tickets; i++) {
          owner[i] = i;
        }
        await(Duration.ofMinutes(10), () -> mismatches(discord, ids, owner) == 0);
        System.out.printf("| after the %d claims: every message shows its owner | %.1f s |%n", tickets,
            (System.nanoTime() - clicked) / 1e9);

        Latencies unclaims = clickTogether(discord, ids, messageIds, "unclaim");
        System.out.printf("| %d concurrent Unclaim clicks, warm, dispatch → callback: p50 / p95 / p99 / max "
            + "| %.1f / %.1f / %.1f / %.1f ms |%n", tickets, unclaims.percentileMillis(50),
            unclaims.percentileMillis(95), unclaims.percentileMillis(99), unclaims.percentileMillis(100));
        java.util.Arrays.fill(owner, -1);
        await(Duration.ofMinutes(10), () -> mismatches(discord, ids, owner) == 0);

        int editsBefore = discord.calls("PATCH", "channels/\\d+/messages/\\d+").size();
        int limitedBefore = discord.rateLimited();
        long churnStart = System.nanoTime();
        long interval = Duration.ofSeconds(seconds).toNanos() / actions;
        java.util.Random random = new java.util.Random(42);
        for (int a = 0; a < actions; a++) {
          int i = random.nextInt(tickets);
          boolean unclaim = owner[i] >= 0;
          int member = unclaim ? owner[i] : (i + a) % tickets;
          api.post(unclaim ? "/api/emails/unclaim" : "/api/emails/claim", tokens.get(member),
              "{\"threadId\":\"" + ids.get(i) + "\"}");
          owner[i] = unclaim ? -1 : member;
          long next = churnStart + (a + 1) * interval;
          while (System.nanoTime() < next) {
            Thread.onSpinWait();
          }
        }
        long churnEnd = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        int lost;
        while ((lost = mismatches(discord, ids, owner)) > 0 && Instant.now().isBefore(deadline)) {
          Thread.sleep(100);
        }
        long settled = System.nanoTime();
        System.out.printf("| %d claims/unclaims through the API in %.1f s, then until every message shows the final "
            + "state | %.1f s |%n", actions, (churnEnd - churnStart) / 1e9, (settled - churnEnd) / 1e9);
        System.out.printf("| message edits for the %d changes (bursts collapse) / 429s answered | %d / %d |%n",
            actions, discord.calls("PATCH", "channels/\\d+/messages/\\d+").size() - editsBefore,
            discord.rateLimited() - limitedBefore);
        System.out.printf("| lost updates (messages not showing their ticket's owner 15 min after) / duplicate posts "
            + "| %d / %d |%n", lost, discord.messages().size() - tickets);
      }
    }
  }

  /** Member i clicks {@code action} on ticket i, all at the same instant; dispatch-to-callback latencies. */
  private static Latencies clickTogether(FakeDiscord discord, List<String> ids, Map<String, String> messageIds,
      String action) throws InterruptedException {
    int n = ids.size();
    List<String> interactions = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      new Thread(() -> {
        try {
          ready.countDown();
          go.await();
          String id = ids.get(index);
          interactions.add(discord.click(String.valueOf(USER_BASE + index), "agent" + index, messageIds.get(id),
              action + ":" + id));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }).start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    done.await();
    await(Duration.ofMinutes(2), () -> interactions.stream().allMatch(i -> discord.callback(i).isPresent()));
    long[] nanos = interactions.stream().map(i -> discord.callback(i).orElseThrow())
        .mapToLong(c -> Duration.between(c.dispatchedAt(), c.at()).toNanos()).toArray();
    return new Latencies(nanos, System.nanoTime() - start);
  }

  /** How many messages do not show the owner the scenario last gave their ticket. */
  private static int mismatches(FakeDiscord discord, List<String> ids, int[] owner) {
    Map<String, String> shown = new HashMap<>();
    for (ObjectNode message : discord.messages()) {
      JsonNode embed = message.path("embeds").path(0);
      String owned = "";
      for (JsonNode field : embed.path("fields")) {
        if (field.path("name").asText().equals("Owner")) {
          owned = field.path("value").asText();
        }
      }
      shown.put(embed.path("footer").path("text").asText().substring(7), owned);
    }
    int wrong = 0;
    for (int i = 0; i < ids.size(); i++) {
      String expected = owner[i] < 0 ? "" : "👤 Claimed by Agent " + owner[i];
      if (!expected.equals(Optional.ofNullable(shown.get(ids.get(i))).orElse("?"))) {
        wrong++;
      }
    }
    return wrong;
  }

  private static void await(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** Plain HTTP calls to the app. */
  private record Api(HttpClient http, int port) {
    HttpResponse<String> post(String path, String bearer, String body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> ingest(String raw) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ingest/raw"))
          .header("Content-Type", "message/rfc822").header("Authorization", "Bearer " + INGEST)
          .POST(HttpRequest.BodyPublishers.ofString(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
