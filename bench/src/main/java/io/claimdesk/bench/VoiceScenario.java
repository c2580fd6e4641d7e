package io.claimdesk.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.store.mongo.MongoStores;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Scenario {@code voice}: claimdesk on the embedded H2 database with 10,000 contacts (each with an address and a
 * phone number), 50 agents and 2,000 open tickets (4 in 5 owned); concurrent callers post signed
 * {@code /voice/incoming} as Twilio does: 60% known callers with open tickets (their owners are rung), 20% known
 * callers without (everyone online), 20% unknown numbers. Each call is a new CallSid, so each writes a call log.
 * {@code GET /healthz} is measured in the same run at the same concurrency as the floor.
 */
final class VoiceScenario {
  private static final String AUTH_TOKEN = "bench-twilio-auth-token";
  private static final int AGENTS = 50;

  private VoiceScenario() {}

  static void run(int contacts, int tickets, int clients, int calls, int warmup) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-voice-");
    long seedStart = System.nanoTime();
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("claimdesk");
      Stores stores = MongoStores.open(db, Clock.systemUTC());
      TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
      List<TeamMember> agents = new ArrayList<>();
      for (int m = 0; m < AGENTS; m++) {
        agents.add(team.create(new NewMember("Agent " + m, "agent" + m + "@example.com", Role.AGENT, null, null,
            null), null).orElseThrow());
      }
      seed(db, contacts, tickets, agents);
    }
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port), "PUBLIC_BASE_URL", base, "TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
        "TWILIO_AUTH_TOKEN", AUTH_TOKEN)))) {
      ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
      AtomicInteger sids = new AtomicInteger();
      int[] dials = new int[2];
      Concurrent.Call incoming = i -> {
        Map<String, String> form = new TreeMap<>(Map.of("CallSid", String.format("CA%032x", sids.incrementAndGet()),
            "From", caller(i, contacts, tickets), "To", "+14155550000", "AccountSid", "AC" + "0".repeat(32),
            "CallStatus", "ringing", "Direction", "inbound"));
        KeepAliveClient.Response r = http.get().post("/voice/incoming", "application/x-www-form-urlencoded",
            encode(form), "X-Twilio-Signature: " + sign(base + "/voice/incoming", form));
        if (r.status() != 200 || !(r.body().contains("<Dial") || r.body().contains("<Record"))) {
          throw new IllegalStateException("/voice/incoming answered " + r.status() + ": " + r.body());
        }
        synchronized (dials) {
          dials[r.body().contains("<Dial") ? 0 : 1]++;
        }
      };
      Concurrent.Call health = i -> {
        KeepAliveClient.Response r = http.get().get("/healthz");
        if (r.status() != 200) {
          throw new IllegalStateException("/healthz answered " + r.status());
        }
      };
      // warm-up: until the JIT has compiled both paths with C2 (a row after 1,000 calls measures the compiler)
      long warmupStart = System.nanoTime();
      Concurrent.run(warmup, clients, incoming);
      Concurrent.run(warmup, clients, health);
      double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
      dials[0] = 0;
      dials[1] = 0;
      System.out.printf("%nscenario voice: %d contacts, %d agents, %d open tickets, %d concurrent callers, %d calls"
          + " per row after %d of each to warm up (%.1f s), embedded H2 database, %d processors (seeded in %.1f s)"
          + "%n%n", contacts, AGENTS, tickets, clients, calls, warmup, warmupSeconds,
          Runtime.getRuntime().availableProcessors(), seedSeconds);
      System.out.println("| request | calls/s | p50 ms | p90 ms | p99 ms | max ms | CPU ms/call | kB/call | GCs"
          + " (ms) | JIT ms |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      // interleaved, so that a burst of load from outside the run shows in a floor row next to the one it hit
      for (int round = 1; round <= 2; round++) {
        row("GET /healthz (floor), round " + round, calls, clients, health);
        row("POST /voice/incoming (signed), round " + round, calls, clients, incoming);
      }
      System.out.printf("%nanswers: %d <Dial>, %d voicemail%n", dials[0], dials[1]);
    }
  }

  /** 60% callers with open tickets, 20% known callers without, 20% numbers nobody knows. */
  private static String caller(int i, int contacts, int tickets) {
    int kind = i % 5;
    if (kind < 3) {
      return phone((i * 7919) % tickets);
    }
    if (kind == 3) {
      return phone(tickets + (i * 7919) % (contacts - tickets));
    }
    return String.format("+1628555%04d", i % 10_000);
  }

  private static String phone(int contact) {
    return String.format("+1415%07d", 5_550_000 + contact);
  }

  /** Contacts and their keys as the contact store writes them; tickets from the first {@code tickets} contacts. */
  private static void seed(MongoDatabase db, int contacts, int tickets, List<TeamMember> agents) {
    List<Document> people = new ArrayList<>();
    List<Document> emails = new ArrayList<>();
    List<Document> phones = new ArrayList<>();
    List<Document> threads = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < contacts; i++) {
      ObjectId id = new ObjectId();
      String email = "caller" + i + "@example.org";
      people.add(new Document("_id", id).append("name", "Caller " + i).append("emails", List.of(email))
          .append("phones", List.of(phone(i))).append("notes", null));
      emails.add(new Document("_id", email).append("contactId", id));
      phones.add(new Document("_id", phone(i)).append("contactId", id));
      if (i < tickets) {
        TeamMember owner = i % 5 == 0 ? null : agents.get(i % agents.size());
        Date received = Date.from(now.minusSeconds((long) (tickets - i) * 60));
        threads.add(new Document("_id", new ObjectId()).append("mailbox", "support@example.com")
            .append("subject", "Bench ticket " + i).append("customerEmail", email)
            .append("customerName", "Caller " + i).append("status", "open")
            .append("assignedTo", owner == null ? null : new ObjectId(owner.id()))
            .append("assignedToEmail", owner == null ? null : owner.email())
            .append("assignedToName", owner == null ? null : owner.name())
            .append("claimedAt", owner == null ? null : received).append("receivedAt", received)
            .append("lastMessageAt", received).append("messageCount", 1).append("version", 1L)
            .append("chat", List.of())
            .append("search", List.of("bench ticket " + i, email, "caller " + i, "")));
      }
    }
    db.getCollection("contacts").insertMany(people);
    db.getCollection("contact_emails").insertMany(emails);
    db.getCollection("contact_phones").insertMany(phones);
    db.getCollection("email_threads").insertMany(threads);
  }

  private static String sign(String url, Map<String, String> sortedForm) throws Exception {
    StringBuilder data = new StringBuilder(url);
    sortedForm.forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String encode(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  /** Runs and prints one row: latencies, then what the process spent per call (CPU, allocations) and its GCs. */
  private static void row(String request, int calls, int clients, Concurrent.Call call) throws Exception {
    ProcessCost before = ProcessCost.now();
    Latencies l = Concurrent.run(calls, clients, call);
    ProcessCost cost = ProcessCost.now().since(before);
    System.out.printf("| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %d (%d) | %d |%n", request,
        l.perSecond(), l.percentileMillis(50), l.percentileMillis(90), l.percentileMillis(99), l.percentileMillis(100),
        cost.cpuNanos() / 1e6 / calls, cost.allocatedBytes() / 1024.0 / calls, cost.gcCount(), cost.gcMillis(),
        cost.jitMillis());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
