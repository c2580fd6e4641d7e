package io.claimdesk.bench;

import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * Scenario {@code slack}: claimdesk on the embedded database with Slack on, its Web API the fake on loopback, which
 * enforces 50 {@code chat.update} calls a minute as Slack's Tier 3 does. (1) N tickets come in by mail and are
 * posted; (2) N members click Claim on N tickets at the same instant, signed as Slack signs: time to ack, against
 * {@code GET /healthz} at the same concurrency as the floor of the HTTP stack; (3) a churn of claims and unclaims
 * from Slack for a fixed time; then the time until every message shows its ticket's final owner, with the calls
 * made, the 429s received, and lost updates and duplicate posts counted.
 */
final class SlackScenario {
  private static final String SECRET = "bench-signing-secret";
  private static final String CHANNEL = "C0BENCH";
  private static final String INGEST = "bench-ingest-token-0123";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackScenario() {}

  static void run(int tickets, int actions, int seconds) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-slack-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(16)).build();
    SlackSigner signer = new SlackSigner(SECRET);
    try (FakeSlackApi slack = FakeSlackApi.start()) {
      slack.limitPerMinute("chat.update", 50);
      Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString(),
          "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "bench-password-1", "INGEST_TOKEN", INGEST,
          "SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_SIGNING_SECRET", SECRET, "SLACK_CHANNEL_ID", CHANNEL,
          "SLACK_API_URL", slack.apiUrl()));
      try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(env))) {
        Client client = new Client(http, port);
        String admin = JSON.readTree(client.post("/api/auth/token", Map.of(),
            "{\"email\":\"admin@example.com\",\"password\":\"bench-password-1\"}").body()).path("token").asText();
        for (int m = 0; m < tickets; m++) {
          client.post("/api/team", Map.of("Authorization", "Bearer " + admin), "{\"name\":\"Agent " + m
              + "\",\"email\":\"agent" + m + "@example.com\",\"role\":\"agent\",\"slackUserId\":\"U" + m + "\"}");
        }
        System.out.printf("%nscenario slack: %d tickets, %d members, fake Slack API enforcing 50 chat.update/min, "
            + "embedded H2 database, %d processors%n%n", tickets, tickets, Runtime.getRuntime().availableProcessors());
        System.out.println("| phase | figure |");
        System.out.println("|---|---|");

        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
          ids.add(client.ingest("From: c" + i + "@example.org\r\nTo: support@example.com\r\nSubject: Bench ticket "
              + i + "\r\nMessage-ID: <bench-" + i + "@example.org>\r\n\r\nText " + i + "\r\n"));
        }
        await(Duration.ofMinutes(10), () -> slack.postsFor(CHANNEL) >= tickets);
        System.out.printf("| %d new tickets posted (paced at 1 post/s per channel) | %.1f s, %d posts |%n", tickets,
            (System.nanoTime() - t0) / 1e9, slack.postsFor(CHANNEL));
        Map<String, String> ts = new HashMap<>();
        for (FakeSlackApi.Message message : slack.messages(CHANNEL)) {
          ts.put(JSON.readTree(message.metadataJson()).path("event_payload").path("threadId").asText(), message.ts());
        }

        // one kept-alive connection per simulated Slack delivery, opened before the clock starts
        List<KeepAliveClient> connections = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
          KeepAliveClient connection = new KeepAliveClient("127.0.0.1", port);
          connection.get("/healthz");
          connections.add(connection);
        }
        Latencies health = together(tickets, i -> connections.get(i).get("/healthz"));
        Latencies claims = together(tickets, i -> click(connections.get(i), signer, "U" + i, "claim", ids.get(i),
            ts.get(ids.get(i)), slack.responseUrl("a" + i), "claim-" + i));
        ack(tickets + " concurrent Claim clicks, first Slack requests of the process", claims);
        ack("baseline: " + tickets + " concurrent GET /healthz", health);
        long clicked = System.nanoTime();
        await(Duration.ofMinutes(10), () -> converged(client, admin, slack, ids, ts));
        System.out.printf("| after the %d claims: every message shows its owner | %.1f s, %d chat.update, %d × 429 |%n",
            tickets, (System.nanoTime() - clicked) / 1e9, slack.calls("chat.update").size(),
            slack.rateLimited("chat.update"));
        for (KeepAliveClient connection : connections) {
          connection.reopen();
          connection.get("/healthz");
        }
        Latencies unclaims = together(tickets, i -> click(connections.get(i), signer, "U" + i, "unclaim",
            ids.get(i), ts.get(ids.get(i)), slack.responseUrl("u" + i), "unclaim-" + i));
        ack(tickets + " concurrent Unclaim clicks, warm", unclaims);
        ack("baseline again: " + tickets + " concurrent GET /healthz",
            together(tickets, i -> connections.get(i).get("/healthz")));

        int updatesBefore = slack.calls("chat.update").size();
        long churnStart = System.nanoTime();
        long interval = Duration.ofSeconds(seconds).toNanos() / actions;
        int[] owner = new int[tickets];
        java.util.Arrays.fill(owner, -1);
        java.util.Random random = new java.util.Random(42);
        for (int a = 0; a < actions; a++) {
          int i = random.nextInt(tickets);
          boolean unclaim = owner[i] >= 0;
          int member = unclaim ? owner[i] : (i + a) % tickets;
          String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U" + member,
              unclaim ? "unclaim" : "claim", ids.get(i), CHANNEL, ts.get(ids.get(i)), slack.responseUrl("c" + a),
              "churn-" + a));
          client.post("/slack/events", signer.headers(body), body);
          owner[i] = unclaim ? -1 : member;
          long next = churnStart + (a + 1) * interval;
          while (System.nanoTime() < next) {
            Thread.onSpinWait();
          }
        }
        long churnEnd = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        int lost;
        while ((lost = mismatches(client, admin, slack, ids, ts)) > 0 && Instant.now().isBefore(deadline)) {
          Thread.sleep(200);
        }
        long settled = System.nanoTime();
        int owned = 0;
        for (String id : ids) {
          owned += JSON.readTree(client.get("/api/emails/tickets/" + id, admin).body()).path("assignedTo").isNull()
              ? 0 : 1;
        }
        System.out.printf("| final state | %d of %d tickets owned |%n", owned, tickets);
        System.out.printf("| %d claims/unclaims from Slack in %.1f s, then until every message shows the final state "
            + "| %.1f s |%n", actions, (churnEnd - churnStart) / 1e9, (settled - churnEnd) / 1e9);
        System.out.printf("| chat.update calls for the %d unclaims and %d changes since (bursts collapse) / 429s "
            + "received | %d / %d |%n", tickets, actions, slack.calls("chat.update").size() - updatesBefore,
            slack.rateLimited("chat.update"));
        System.out.printf("| lost updates (messages not showing their ticket's owner 15 min after) / duplicate posts "
            + "| %d / %d |%n", lost, slack.postsFor(CHANNEL) - tickets);
      }
    }
  }

  private static void click(KeepAliveClient connection, SlackSigner signer, String user, String action,
      String threadId, String ts, String responseUrl, String triggerId) throws Exception {
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction(user, action, threadId, CHANNEL, ts,
        responseUrl, triggerId));
    List<String> headers = new ArrayList<>();
    signer.headers(body).forEach((name, value) -> headers.add(name + ": " + value));
    KeepAliveClient.Response response = connection.post("/slack/events", "application/x-www-form-urlencoded", body,
        headers.toArray(String[]::new));
    if (response.status() != 200) {
      throw new IllegalStateException("click answered " + response.status() + ": " + response.body());
    }
  }

  private static void ack(String what, Latencies latencies) {
    System.out.printf("| %s: p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |%n", what,
        latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.percentileMillis(99),
        latencies.percentileMillis(100));
  }

  /** Every message shows what its ticket's owner is now, read from the API. */
  private static boolean converged(Client client, String admin, FakeSlackApi slack, List<String> ids,
      Map<String, String> ts) {
    return mismatches(client, admin, slack, ids, ts) == 0;
  }

  /** How many messages do not show their ticket's owner as the API reports it now. */
  private static int mismatches(Client client, String admin, FakeSlackApi slack, List<String> ids,
      Map<String, String> ts) {
    try {
      int wrong = 0;
      for (String id : ids) {
        JsonNode ticket = JSON.readTree(client.get("/api/emails/tickets/" + id, admin).body());
        String shown = slack.message(CHANNEL, ts.get(id)).map(FakeSlackApi.Message::blocksJson).orElse("");
        String owner = ticket.path("assignedToName").asText("");
        if (ticket.path("assignedTo").isNull() ? shown.contains("Claimed by")
            : !shown.contains("Claimed by *" + owner + "*")) {
          wrong++;
        }
      }
      return wrong;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs n calls at the same instant, one thread each, and times each call. */
  private static Latencies together(int n, Concurrent.Call call) throws Exception {
    long[] nanos = new long[n];
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      int index = i;
      new Thread(() -> {
        try {
          ready.countDown();
          go.await();
          long start = System.nanoTime();
          call.run(index);
          nanos[index] = System.nanoTime() - start;
        } catch (Exception e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      }).start();
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    done.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a call failed", failures.get(0));
    }
    return new Latencies(nanos, System.nanoTime() - start);
  }

  private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  /** Plain HTTP/1.1 calls to the app. */
  private record Client(HttpClient http, int port) {
    HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type",
              body.startsWith("payload=") ? "application/x-www-form-urlencoded" : "application/json");
      headers.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String ingest(String raw) throws Exception {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/ingest/raw")).header("Authorization", "Bearer " + INGEST).header("Content-Type", "message/rfc822")
          .POST(HttpRequest.BodyPublishers.ofString(raw)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).path("threadId").asText();
    }
  }
}
