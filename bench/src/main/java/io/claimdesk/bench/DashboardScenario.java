package io.claimdesk.bench;

import io.claimdesk.core.store.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Scenario {@code dashboard}: claimdesk on the embedded H2 database with N tickets (10% unassigned, 60% claimed by
 * 8 members, 30% resolved), 8 concurrent clients each signed in with a dashboard session, reading
 * {@code /dashboard/tickets/unassigned}, {@code /dashboard/tickets/mine} (rendered HTML pages) and
 * {@code /api/emails/tickets?status=open} (JSON, bearer token); and, against the same database in the same run, the
 * raw driver query behind the last one, as the baseline.
 */
final class DashboardScenario {
  private static final int MEMBERS = 8;
  private static final int CALLS = 800;

  private DashboardScenario() {}

  static void run(List<Integer> sizes, int clients) throws Exception {
    System.out.printf("%nscenario dashboard: %d concurrent clients, %d calls per row, embedded H2 database, "
        + "%d processors%n%n", clients, CALLS, Runtime.getRuntime().availableProcessors());
    System.out.println("| tickets | request | calls/s | p50 ms | p95 ms | p99 ms | bytes |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (int size : sizes) {
      runOne(size, clients);
    }
  }

  private static void runOne(int tickets, int clients) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-");
    List<TeamMember> members = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    double seedSeconds;
    // seeded before the app starts, as a database that has been in use: the app builds its queues from it at start
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      Stores stores = MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC());
      TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
      SessionService sessions = new SessionService(stores.sessions(), stores.team(), Clock.systemUTC());
      for (int m = 0; m < MEMBERS; m++) {
        TeamMember member = team.create(new NewMember("Agent " + m, "agent" + m + "@example.com", Role.AGENT, null,
            null, null), null).orElseThrow();
        members.add(member);
        cookies.add(sessions.start(member).cookieValue());
        tokens.add(team.issueToken(member));
      }
      long start = System.nanoTime();
      seed(client.getDatabase("claimdesk").getCollection("email_threads"), tickets, members);
      seedSeconds = (System.nanoTime() - start) / 1e9;
    }
    int port = freePort();
    long appStart = System.nanoTime();
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port))));
        MongoClient client = MongoClients.create(app.embeddedConnectionString().orElseThrow())) {
      double startSeconds = (System.nanoTime() - appStart) / 1e9;
      ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
      MongoCollection<Document> threads = client.getDatabase("claimdesk").getCollection("email_threads");
      int[] bytes = new int[1];
      Concurrent.Call unassigned = i -> bytes[0] = page(http.get(), "/dashboard/tickets/unassigned",
          "Cookie: claimdesk_session=" + cookies.get(i % MEMBERS));
      Concurrent.Call mine = i -> bytes[0] = page(http.get(), "/dashboard/tickets/mine",
          "Cookie: claimdesk_session=" + cookies.get(i % MEMBERS));
      Concurrent.Call api = i -> bytes[0] = page(http.get(), "/api/emails/tickets?status=open",
          "Authorization: Bearer " + tokens.get(i % MEMBERS));
      Concurrent.Call raw = i -> threads.find(Filters.eq("status", "open"))
          .sort(Sorts.descending("receivedAt", "_id")).limit(51).into(new ArrayList<>());
      for (Concurrent.Call call : List.of(unassigned, mine, api, raw)) {
        Concurrent.run(CALLS / 8, clients, call); // warm-up
      }
      row(tickets, "GET /dashboard/tickets/unassigned (HTML, 50 oldest)", Concurrent.run(CALLS, clients, unassigned),
          bytes);
      row(tickets, "GET /dashboard/tickets/mine (HTML, 50 oldest)", Concurrent.run(CALLS, clients, mine), bytes);
      row(tickets, "GET /api/emails/tickets?status=open (JSON, 50)", Concurrent.run(CALLS, clients, api), bytes);
      bytes[0] = 0;
      row(tickets, "driver find status=open sort limit 51 (raw)", Concurrent.run(CALLS, clients, raw), bytes);
      System.gc();
      long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
      System.out.printf("| %d | (seeded in %.1f s, app started in %.1f s, heap after GC %d MB) | | | | | |%n",
          tickets, seedSeconds, startSeconds, heapMb);
    }
  }

  private static int page(KeepAliveClient http, String path, String header) throws Exception {
    KeepAliveClient.Response response = http.get(path, header);
    if (response.status() != 200) {
      throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
    }
    return response.body().length();
  }

  /** Raw documents shaped as the store writes them, inserted a thousand at a time. */
  private static void seed(MongoCollection<Document> threads, int tickets, List<TeamMember> members) {
    Instant now = Instant.now();
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      int kind = i % 10; // 0: unassigned, 1-6: claimed, 7-9: resolved
      Date received = Date.from(now.minusSeconds((long) (tickets - i) * 60));
      TeamMember owner = kind == 0 ? null : members.get(i % members.size());
      batch.add(new Document("_id", new ObjectId())
          .append("mailbox", "support@example.com")
          .append("subject", "Bench ticket " + i + ": the printer on floor " + (i % 12) + " jams")
          .append("customerEmail", "customer" + i + "@example.org")
          .append("customerName", "Customer " + i)
          .append("status", kind >= 7 ? "resolved" : kind % 2 == 0 ? "open" : "in_progress")
          .append("assignedTo", owner == null ? null : new ObjectId(owner.id()))
          .append("assignedToEmail", owner == null ? null : owner.email())
          .append("assignedToName", owner == null ? null : owner.name())
          .append("claimedAt", owner == null ? null : received)
          .append("receivedAt", received)
          .append("lastMessageAt", received)
          .append("messageCount", 1)
          .append("version", 1L)
          .append("chat", List.of())
          .append("search", List.of(("bench ticket " + i + ": the printer on floor " + (i % 12) + " jams"),
              "customer" + i + "@example.org", "customer " + i, "")));
      if (batch.size() == 1000) {
        threads.insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      threads.insertMany(batch);
    }
  }

  private static void row(int tickets, String request, Latencies l, int[] bytes) {
    System.out.printf("| %d | %s | %.0f | %.2f | %.2f | %.2f | %d |%n", tickets, request, l.perSecond(),
        l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99), bytes[0]);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
