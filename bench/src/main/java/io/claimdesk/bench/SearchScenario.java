package io.claimdesk.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.store.mongo.MongoStores;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario {@code search}: claimdesk on the embedded H2 database with N tickets of M messages in all (each message a
 * few hundred characters drawn from a vocabulary of 2,000 words; one rare word in one message), seeded through the
 * stores before the app starts; then {@code GET /api/emails/tickets?q=} for several query shapes from concurrent
 * clients with an API token, and {@code GET /healthz} in the same run as the floor of the server and the machine.
 */
final class SearchScenario {
  private static final int WORDS = 2_000;
  static final String RARE = "quuxbarnacle";

  private SearchScenario() {}

  static void run(int tickets, int messages, int clients, int calls) throws Exception {
    System.out.printf("%nscenario search: %d tickets, %d messages, %d concurrent clients, %d calls per row, "
        + "embedded H2 database, %d processors%n%n", tickets, messages, clients, calls,
        Runtime.getRuntime().availableProcessors());
    Path dataDir = ScratchDir.create("claimdesk-bench-search-");
    String token;
    long seedStart = System.nanoTime();
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC()); // collections and indexes
      // unjournaled: the seed is made durable by the clean close below, one commit instead of one per write
      Stores stores = MongoStores.unjournaled(client.getDatabase("claimdesk"), Clock.systemUTC());
      TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
      TeamMember member = team.create(new NewMember("Bench Agent", "agent@example.com", Role.AGENT, null, null, null),
          null).orElseThrow();
      token = team.issueToken(member);
      seed(stores, tickets, messages);
    }
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    int port = freePort();
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port))))) {
      ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
      String auth = "Authorization: Bearer " + token;
      List<String[]> shapes = List.of(
          new String[] {"one word", word(7)},
          new String[] {"two words", word(3) + " " + word(11)},
          new String[] {"a sender's address", "customer4242@example.org"},
          new String[] {"a rare word (1 message)", RARE},
          new String[] {"no hit", "zzzznothing"},
          new String[] {"regex metacharacters", "a.b (c* $where"});
      System.out.println("| request | q | hits (first page) | calls/s | p50 ms | p95 ms | p99 ms |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|");
      Concurrent.Call health = i -> check(http.get().get("/healthz"), "/healthz");
      Concurrent.run(calls / 4, clients, health); // warm-up
      row("GET /healthz (floor)", "", -1, Concurrent.run(calls, clients, health));
      for (String[] shape : shapes) {
        String path = "/api/emails/tickets?q=" + URLEncoder.encode(shape[1], StandardCharsets.UTF_8);
        int[] hits = new int[1];
        Concurrent.Call call = i -> hits[0] = count(check(http.get().get(path, auth), path));
        Concurrent.run(Math.max(4, calls / 10), clients, call); // warm-up
        row("GET /api/emails/tickets?q= (" + shape[0] + ")", shape[1], hits[0], Concurrent.run(calls, clients, call));
      }
      row("GET /healthz (floor, again)", "", -1, Concurrent.run(calls, clients, health));
      System.out.printf("%n(seeded in %.1f s through the stores)%n", seedSeconds);
    }
  }

  private static String check(KeepAliveClient.Response response, String path) {
    if (response.status() != 200) {
      throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
    }
    return response.body();
  }

  private static final Pattern ID = Pattern.compile("\"_id\":");

  private static int count(String body) {
    Matcher m = ID.matcher(body);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void row(String request, String q, int hits, Latencies l) {
    System.out.printf("| %s | `%s` | %s | %.0f | %.2f | %.2f | %.2f |%n", request, q, hits < 0 ? "" : hits,
        l.perSecond(), l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99));
  }

  /** A made-up word of the vocabulary: its rank decides how often it is drawn (low ranks often). */
  static String word(int rank) {
    StringBuilder w = new StringBuilder();
    int n = rank + 17;
    String letters = "bcdfghklmnprstvz";
    String vowels = "aeiou";
    for (int i = 0; i < 3; i++) {
      w.append(letters.charAt(n % letters.length())).append(vowels.charAt((n / 16) % vowels.length()));
      n = n / 7 + rank * 31 + i;
    }
    return w.toString();
  }

  private static void seed(Stores stores, int tickets, int messages) {
    Random random = new Random(42);
    String[] vocabulary = new String[WORDS];
    for (int i = 0; i < WORDS; i++) {
      vocabulary[i] = word(i);
    }
    Instant start = Instant.now().minusSeconds(tickets * 60L);
    for (int t = 0; t < tickets; t++) {
      Instant at = start.plusSeconds(t * 60L);
      String email = "customer" + t + "@example.org";
      EmailThread ticket = stores.tickets().insert(new NewThread("support@example.com",
          text(random, vocabulary, 6), email, "Customer " + t, TicketStatus.OPEN, at));
      int own = messages / tickets + (t < messages % tickets ? 1 : 0);
      for (int m = 0; m < own; m++) {
        String body = text(random, vocabulary, 40 + random.nextInt(60));
        if (t == tickets / 2 && m == 0) {
          body = body + " " + RARE;
        }
        stores.tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
            m % 2 == 0 ? ThreadMessage.Direction.INBOUND : ThreadMessage.Direction.OUTBOUND,
            "<bench-" + t + "-" + m + "@example.org>", null, List.of(), email, "Customer " + t,
            List.of("support@example.com"), List.of(), at.plusSeconds(m), body, null, List.of(), null), null);
      }
    }
  }

  /** Words drawn with a skew (a few common, most rare), as in mail. */
  private static String text(Random random, String[] vocabulary, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      double u = random.nextDouble();
      text.append(i == 0 ? "" : " ").append(vocabulary[(int) (u * u * u * vocabulary.length)]);
    }
    return text.toString();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
