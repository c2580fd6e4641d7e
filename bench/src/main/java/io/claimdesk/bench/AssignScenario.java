package io.claimdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario {@code assign}: claimdesk as {@code java -jar} runs it (embedded database), 20 online members, round robin
 * with offers. Mail arrives at a fixed rate through {@code POST /api/ingest/raw}; each member's client polls
 * {@code GET /api/offers/mine} (every {@code pollMillis} while it has none) and accepts what it is offered at once
 * through {@code POST /api/offers/{id}/accept}. Measured: from the ingest's 202 to the accept's answer (the owner is
 * set when it answers), the requests on the way, each member's share, and {@code GET /healthz} polled in the same
 * run as the floor. A warm-up of the same kind runs first and is left out of the figures.
 */
final class AssignScenario {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST = "bench-ingest-token";
  private static final String ADMIN_PASSWORD = "bench-admin-password-1";
  private static final int SENDERS = 8;

  private final int port;
  private final Map<String, Long> ingestedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> ownedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> shares = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> ingestNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> pollNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> acceptNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> healthNanos = new ConcurrentLinkedQueue<>();
  private final AtomicInteger mails = new AtomicInteger();

  private AssignScenario(int port) {
    this.port = port;
  }

  static void run(int tickets, int members, int perSecond, int pollMillis, int warmup) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-assign-");
    int port = freePort();
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port), "PUBLIC_BASE_URL", "http://127.0.0.1:" + port, "INGEST_TOKEN", INGEST,
        "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", ADMIN_PASSWORD)))) {
      AssignScenario scenario = new AssignScenario(port);
      Map<String, String> tokens = scenario.setUp(members);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      tokens.forEach((id, token) -> clients.add(scenario.member(id, token, pollMillis, stop)));
      clients.add(scenario.healthFloor(stop));
      clients.forEach(Thread::start);

      scenario.arrive(warmup, perSecond);
      scenario.awaitOwned(warmup);
      scenario.reset();
      long start = System.nanoTime();
      scenario.arrive(tickets, perSecond);
      double arrivalSeconds = (System.nanoTime() - start) / 1e9;
      boolean all = scenario.awaitOwned(tickets);
      stop.set(true);
      for (Thread t : clients) {
        t.join(5_000);
      }
      scenario.report(tickets, members, perSecond, pollMillis, warmup, arrivalSeconds, all);
    }
  }

  /** The admin goes away, the members are created (online), and the policy set: round robin with offers. */
  private Map<String, String> setUp(int members) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String admin = json(http, "POST", "/api/auth/token", null,
        "{\"email\":\"admin@example.com\",\"password\":\"" + ADMIN_PASSWORD + "\"}").path("token").asText();
    json(http, "PUT", "/api/team/me/availability", admin, "{\"availability\":\"away\"}");
    Map<String, String> tokens = new ConcurrentHashMap<>();
    for (int m = 0; m < members; m++) {
      JsonNode created = json(http, "POST", "/api/team", admin,
          "{\"name\":\"Member " + m + "\",\"email\":\"member" + m + "@example.com\"}");
      tokens.put(created.path("_id").asText(), created.path("apiToken").asText());
      shares.put(created.path("_id").asText(), new AtomicInteger());
    }
    json(http, "PUT", "/api/settings/assignment", admin,
        "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":300}");
    return tokens;
  }

  /** {@code count} mails at {@code perSecond}, each sent on time by one of a few senders. */
  private void arrive(int count, int perSecond) throws InterruptedException {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
    long start = System.nanoTime();
    long every = TimeUnit.SECONDS.toNanos(1) / perSecond;
    for (int i = 0; i < count; i++) {
      long due = start + i * every;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int n = mails.incrementAndGet();
      senders.execute(() -> ingest(http.get(), n));
    }
    senders.shutdown();
    senders.awaitTermination(5, TimeUnit.MINUTES);
  }

  private void ingest(KeepAliveClient http, int n) {
    String mail = "From: Customer " + n + " <customer" + n + "@example.org>\r\nTo: support@example.com\r\n"
        + "Subject: Bench ticket " + n + "\r\nMessage-ID: <assign-" + n + "@example.org>\r\n\r\nHello " + n + "\r\n";
    try {
      long t0 = System.nanoTime();
      KeepAliveClient.Response r = http.post("/api/ingest/raw", "message/rfc822", mail,
          "Authorization: Bearer " + INGEST);
      long t1 = System.nanoTime();
      if (r.status() != 202) {
        throw new IllegalStateException("ingest answered " + r.status() + ": " + r.body());
      }
      ingestNanos.add(t1 - t0);
      ingestedAt.put(JSON.readTree(r.body()).path("threadId").asText(), t1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A member's client: polls its offers while it has none, accepts each one at once. */
  private Thread member(String id, String token, int pollMillis, AtomicBoolean stop) {
    return new Thread(() -> {
      KeepAliveClient http = new KeepAliveClient("127.0.0.1", port);
      try {
        while (!stop.get()) {
          long t0 = System.nanoTime();
          KeepAliveClient.Response mine = http.get("/api/offers/mine", "Authorization: Bearer " + token);
          pollNanos.add(System.nanoTime() - t0);
          JsonNode offers = JSON.readTree(mine.body()).path("offers");
          long seen = System.nanoTime();
          for (JsonNode offer : offers) {
            seenAt.putIfAbsent(offer.path("threadId").asText(), seen);
            long a0 = System.nanoTime();
            KeepAliveClient.Response accepted = http.post("/api/offers/" + offer.path("id").asText() + "/accept",
                token, "");
            long a1 = System.nanoTime();
            acceptNanos.add(a1 - a0);
            if (accepted.status() == 200) {
              ownedAt.put(offer.path("threadId").asText(), a1);
              shares.get(id).incrementAndGet();
            }
          }
          if (offers.isEmpty()) {
            Thread.sleep(pollMillis);
          }
        }
      } catch (Exception e) {
        if (!stop.get()) {
          throw new IllegalStateException("member " + id + " failed", e);
        }
      }
    }, "bench-member-" + id);
  }

  private Thread healthFloor(AtomicBoolean stop) {
    return new Thread(() -> {
      KeepAliveClient http = new KeepAliveClient("127.0.0.1", port);
      try {
        while (!stop.get()) {
          long t0 = System.nanoTime();
          if (http.get("/healthz").status() != 200) {
            throw new IllegalStateException("/healthz not 200");
          }
          healthNanos.add(System.nanoTime() - t0);
          Thread.sleep(20);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "bench-healthz");
  }

  private boolean awaitOwned(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (ownedAt.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return ownedAt.size() >= count;
  }

  private void reset() {
    ingestedAt.clear();
    ownedAt.clear();
    seenAt.clear();
    shares.values().forEach(s -> s.set(0));
    ingestNanos.clear();
    pollNanos.clear();
    acceptNanos.clear();
    healthNanos.clear();
  }

  private void report(int tickets, int members, int perSecond, int pollMillis, int warmup, double arrivalSeconds,
      boolean all) {
    List<Long> toOwner = new ArrayList<>();
    List<Long> toSeen = new ArrayList<>();
    ingestedAt.forEach((thread, in) -> {
      Long owned = ownedAt.get(thread);
      if (owned != null) {
        toOwner.add(Math.max(0, owned - in));
      }
      Long seen = seenAt.get(thread);
      if (seen != null) {
        toSeen.add(Math.max(0, seen - in));
      }
    });
    System.out.printf("%nscenario assign: %d tickets at %d/s (arrived in %.1f s, %.1f/s), %d online members, round"
        + " robin with offers accepted at once (each member's client polls GET /api/offers/mine every %d ms while"
        + " it has none), embedded database, %d processors, after a warm-up of %d tickets%n%n", tickets, perSecond,
        arrivalSeconds, tickets / arrivalSeconds, members, pollMillis, Runtime.getRuntime().availableProcessors(),
        warmup);
    System.out.println("| measure | count | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    row("ingestion (202) → owner set (accept answered)", toOwner);
    row("ingestion (202) → offer listed to its member (poll answered)", toSeen);
    row("POST /api/ingest/raw", new ArrayList<>(ingestNanos));
    row("GET /api/offers/mine (members' polls)", new ArrayList<>(pollNanos));
    row("POST /api/offers/{id}/accept", new ArrayList<>(acceptNanos));
    row("GET /healthz (floor, same run, every 20 ms)", new ArrayList<>(healthNanos));
    List<Integer> counts = shares.values().stream().map(AtomicInteger::get).sorted().toList();
    double mean = counts.stream().mapToInt(Integer::intValue).average().orElse(0);
    double deviation = counts.stream().mapToDouble(c -> Math.abs(c - mean) / mean * 100).max().orElse(0);
    System.out.printf("%nshares of %d accepted tickets over %d members: min %d, max %d, mean %.1f, max deviation"
        + " from the mean %.1f%%%s%n", toOwner.size(), members, counts.get(0), counts.get(counts.size() - 1), mean,
        deviation, all ? "" : " (NOT every ticket was owned within 10 minutes of the last arrival)");
  }

  private static void row(String measure, List<Long> nanos) {
    if (nanos.isEmpty()) {
      System.out.printf("| %s | 0 | | | | |%n", measure);
      return;
    }
    Latencies l = new Latencies(nanos.stream().mapToLong(Long::longValue).toArray(), 1);
    System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", measure, l.count(), l.percentileMillis(50),
        l.percentileMillis(90), l.percentileMillis(99), l.percentileMillis(100));
  }

  private JsonNode json(HttpClient http, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
