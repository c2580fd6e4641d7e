package io.claimdesk.bench;

import io.claimdesk.core.store.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
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
 * Scenario {@code claim}: claimdesk on the embedded database with N unclaimed tickets, {@code POST
 * /api/emails/claim} from C concurrent clients (every claim wins, so each one also writes its history and outbox
 * entries); then, in the same process and against the same database, the raw driver's findOneAndUpdate
 * compare-and-set on another N tickets from C threads. Prints throughput and p50/p99 of both, and their ratio.
 */
final class ClaimScenario {
  private static final int WARMUP = 1000;

  private ClaimScenario() {}

  /** {@code storage} is {@code h2} (what the app runs on) or {@code memory} (not durable, for comparison). */
  static void run(int tickets, int clients, String storage) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-");
    boolean memory = storage.equals("memory");
    int port = freePort();
    // h2: the app starts its own embedded database exactly as in production, and the raw phase reaches the same
    // server; memory: a non-durable server started here and given to the app as MONGODB_URI, for comparison.
    EmbeddedMongo inMemory = memory ? EmbeddedMongo.startInMemory() : null;
    Map<String, String> env = memory
        ? Map.of("MONGODB_URI", inMemory.connectionString(), "PORT", Integer.toString(port))
        : Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port));
    Claimdesk app = Claimdesk.start(AppConfig.fromEnv(env));
    String uri = memory ? inMemory.connectionString() : app.embeddedConnectionString().orElseThrow();
    try (MongoClient client = MongoClients.create(uri)) {
      try {
        Stores stores = MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC());
        TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
        List<TeamMember> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          TeamMember m = team.create(new NewMember("Bench " + c, "bench" + c + "@example.com", Role.AGENT,
              null, null, null), null).orElseThrow();
          members.add(m);
          tokens.add(team.issueToken(m));
        }
        long seedStart = System.nanoTime();
        List<String> httpWarm = seed(stores, WARMUP);
        List<String> rawWarm = seed(stores, WARMUP);
        List<String> httpIds = seed(stores, tickets);
        List<String> rawIds = seed(stores, tickets);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        Concurrent.run(WARMUP, clients, i -> httpClaim(http.get(), tokens.get(i % clients), httpWarm.get(i)));
        MongoCollection<Document> threads = client.getDatabase("claimdesk").getCollection("email_threads");
        Concurrent.run(WARMUP, clients, i -> rawClaim(threads, members.get(i % clients), rawWarm.get(i)));

        Latencies viaHttp = Concurrent.run(tickets, clients,
            i -> httpClaim(http.get(), tokens.get(i % clients), httpIds.get(i)));
        // the relay copies the HTTP claims' events in the background: let it finish before the raw phase
        MongoCollection<Document> history = client.getDatabase("claimdesk").getCollection("assignment_events");
        long drainStart = System.nanoTime();
        while (history.countDocuments() < WARMUP + tickets) {
          Thread.sleep(50);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        Latencies raw = Concurrent.run(tickets, clients, i -> rawClaim(threads, members.get(i % clients), rawIds.get(i)));

        long events = history.countDocuments();
        System.gc();
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        print(tickets, clients, memory ? "in-memory (NOT durable, for comparison)"
            : "H2 file (commit before every acknowledgement)", seedSeconds, viaHttp, raw, events, heapMb);
        System.out.printf("event relay finished %.2f s after the last HTTP claim was answered%n", drainSeconds);
      } finally {
        app.close();
        if (inMemory != null) {
          inMemory.close();
        }
      }
    }
  }

  private static List<String> seed(Stores stores, int count) {
    List<String> ids = new ArrayList<>(count);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      ids.add(stores.tickets().insert(new NewThread("support@example.com", "Bench ticket " + i,
          "customer" + i + "@example.org", "Customer " + i, TicketStatus.OPEN, now.minusSeconds(count - i))).id());
    }
    return ids;
  }

  private static void httpClaim(KeepAliveClient http, String token, String threadId) throws Exception {
    KeepAliveClient.Response response = http.post("/api/emails/claim", token, "{\"threadId\":\"" + threadId + "\"}");
    if (response.status() != 200) {
      throw new IllegalStateException("claim answered " + response.status() + ": " + response.body());
    }
  }

  /** The same compare-and-set the store issues, straight from the driver: no HTTP, auth, history or outbox. */
  private static void rawClaim(MongoCollection<Document> threads, TeamMember member, String threadId) {
    Document won = threads.findOneAndUpdate(
        new Document("_id", new ObjectId(threadId)).append("assignedTo", null),
        new Document("$set", new Document("assignedTo", new ObjectId(member.id()))
            .append("assignedToEmail", member.email())
            .append("assignedToName", member.name())
            .append("claimedAt", new Date()))
            .append("$inc", new Document("version", 1L)),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    if (won == null) {
      throw new IllegalStateException("raw claim lost on an unclaimed ticket " + threadId);
    }
  }

  private static void print(int tickets, int clients, String storage, double seedSeconds, Latencies viaHttp,
      Latencies raw, long events, long heapMb) {
    System.out.printf("%nscenario claim: %d tickets per path, %d concurrent clients, embedded database %s; "
        + "%d processors%n", tickets, clients, storage, Runtime.getRuntime().availableProcessors());
    System.out.printf("seeded %d tickets in %.1f s; %d assignment events recorded; heap used after GC %d MB%n%n",
        2 * (tickets + WARMUP), seedSeconds, events, heapMb);
    System.out.println("| path | claims | seconds | claims/s | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    row("HTTP POST /api/emails/claim", viaHttp);
    row("driver findOneAndUpdate (raw)", raw);
    System.out.printf("%nHTTP / raw throughput: %.2f%n", viaHttp.perSecond() / raw.perSecond());
  }

  private static void row(String name, Latencies l) {
    System.out.printf("| %s | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f |%n", name, l.count(), l.seconds(),
        l.perSecond(), l.percentileMillis(50), l.percentileMillis(90), l.percentileMillis(99),
        l.percentileMillis(100));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
