package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.bot.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two running claimdesk instances on one database (A runs the embedded database and opens it with
 * EMBEDDED_MONGO_ADDRESS, B uses it through MONGODB_URI), round robin with offers: 200 tickets arrive half through
 * each; the first offers are left to expire (some declined), then every offer is accepted through both instances at
 * the same moment. Read back from {@code offers}, {@code offer_history} and {@code assignment_events}: no ticket ever
 * had two open offers, each accept raced on both instances won once, and each ticket ended with one owner, the
 * member whose offer was accepted.
 */
class TwoInstancesOffersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST = "ingest-token-0123456789";
  private static final int TICKETS = 200;
  private static final List<String> MEMBERS = List.of("ana", "bo", "cy", "di");
  private final HttpClient http = HttpClient.newHttpClient();
  private int mails;

  @Test
  void twoInstancesShouldNeverHoldTwoOpenOffersForOneTicket(@TempDir Path dataDir) throws Exception {
    int mongoPort = FreePorts.next();
    String uri = "mongodb://127.0.0.1:" + mongoPort + "/";
    try (Claimdesk a = Claimdesk.start(AppConfig.fromEnv(env(Map.of("DATA_DIR", dataDir.toString(),
            "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort))), 4);
        Claimdesk b = Claimdesk.start(AppConfig.fromEnv(env(Map.of("MONGODB_URI", uri))), 4);
        MongoClient client = MongoClients.create(uri)) {
      MongoDatabase db = client.getDatabase("claimdesk");
      String admin = token(a.port(), "admin@example.com", "admin-password-1");
      Map<String, String> tokens = new LinkedHashMap<>();
      Map<String, String> emails = new HashMap<>();
      for (String name : MEMBERS) {
        JsonNode created = JSON.readTree(send(a.port(), "POST", "/api/team", admin, "{\"name\":\"" + name
            + "\",\"email\":\"" + name + "@example.com\",\"password\":\"password-of-" + name + "\"}").body());
        tokens.put(created.path("_id").asText(), token(b.port(), name + "@example.com", "password-of-" + name));
        emails.put(created.path("_id").asText(), name + "@example.com");
      }
      send(b.port(), "PUT", "/api/team/me/availability", admin, "{\"availability\":\"away\"}");
      assertThat(send(b.port(), "PUT", "/api/settings/assignment", admin,
          "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":10}").statusCode()).isEqualTo(200);

      List<String> ids = new ArrayList<>();
      List<CompletableFuture<String>> arriving = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        int port = i % 2 == 0 ? a.port() : b.port();
        int n = ++mails;
        arriving.add(CompletableFuture.supplyAsync(() -> ingest(port, n)));
      }
      for (CompletableFuture<String> id : arriving) {
        ids.add(id.get());
      }
      Await.until(Duration.ofSeconds(60), () -> db.getCollection("offers").countDocuments() == TICKETS,
          "every ticket offered");
      // the first round: every tenth offer declined (through either instance), the rest left to expire
      int declined = 0;
      for (Map.Entry<String, String> member : tokens.entrySet()) {
        for (JsonNode offer : offers(a.port(), member.getValue())) {
          if (ids.indexOf(offer.path("threadId").asText()) % 10 == 0) {
            int port = declined % 2 == 0 ? a.port() : b.port();
            assertThat(send(port, "POST", "/api/offers/" + offer.path("id").asText() + "/decline", member.getValue(),
                null).statusCode()).isEqualTo(200);
            declined++;
          }
        }
      }
      int declinedFirst = declined;
      Await.until(Duration.ofSeconds(60), () -> db.getCollection("assignment_events")
          .countDocuments(new Document("action", "expired")) >= TICKETS - declinedFirst, "the first offers expired");

      // then every open offer is accepted, the same request sent to both instances at once, until all are owned
      int raced = 0;
      int wonOnce = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (db.getCollection("email_threads").countDocuments(new Document("assignedTo", null)) > 0
          && System.nanoTime() < deadline) {
        for (Map.Entry<String, String> member : tokens.entrySet()) {
          for (JsonNode offer : offers(b.port(), member.getValue())) {
            String path = "/api/offers/" + offer.path("id").asText() + "/accept";
            CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(
                () -> status(a.port(), path, member.getValue()));
            CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(
                () -> status(b.port(), path, member.getValue()));
            List<Integer> answers = List.of(onA.get(), onB.get());
            raced++;
            assertThat(answers).as(path).containsAnyOf(200, 409).allMatch(s -> s == 200 || s == 409);
            // both refused happens only when the offer expired meanwhile: it is offered again below
            assertThat(answers.stream().filter(s -> s == 200).count()).as(path).isLessThanOrEqualTo(1);
            if (answers.contains(200)) {
              wonOnce++;
            }
          }
        }
        Thread.sleep(100);
      }

      Map<String, List<Document>> history = byTicket(db.getCollection("offer_history").find());
      Map<String, List<Document>> events = byTicket(db.getCollection("assignment_events").find());
      int overlaps = 0;
      for (String id : ids) {
        List<Document> offers = history.getOrDefault(id, List.of());
        offers.sort(Comparator.comparing((Document d) -> d.getDate("createdAt")).thenComparing(d -> d.getString("_id")));
        for (int i = 1; i < offers.size(); i++) {
          if (offers.get(i).getDate("createdAt").before(offers.get(i - 1).getDate("closedAt"))) {
            overlaps++;
          }
        }
        Document ticket = db.getCollection("email_threads").find(new Document("_id", new org.bson.types.ObjectId(id)))
            .first();
        List<Document> accepted = offers.stream().filter(o -> o.getString("status").equals("accepted")).toList();
        assertThat(accepted).as("accepted offers of " + id).hasSize(1);
        assertThat(String.valueOf(ticket.get("assignedTo"))).as("owner of " + id).isEqualTo(accepted.get(0).getString("memberId"));
        List<Document> own = events.getOrDefault(id, List.of());
        long offered = own.stream().filter(e -> e.getString("action").equals("offered")).count();
        long closed = own.stream().filter(e -> List.of("accepted", "declined", "expired")
            .contains(e.getString("action"))).count();
        assertThat(offered).as("offers of " + id).isEqualTo(offers.size()).isEqualTo(closed);
        assertThat(own.stream().filter(e -> e.getString("action").equals("accepted")).count()).isEqualTo(1);
      }
      long expired = db.getCollection("offer_history").countDocuments(new Document("status", "expired"));
      long declinedStored = db.getCollection("offer_history").countDocuments(new Document("status", "declined"));
      System.out.printf("two instances, %d tickets: %d offers (%d expired, %d declined, %d accepted), %d accepts "
          + "raced on both instances, %d won, overlapping open offers %d, open offers left %d%n", TICKETS,
          db.getCollection("offer_history").countDocuments(), expired, declinedStored,
          db.getCollection("offer_history").countDocuments(new Document("status", "accepted")), raced, wonOnce,
          overlaps, db.getCollection("offers").countDocuments());
      assertThat(overlaps).isZero();
      assertThat(db.getCollection("offers").countDocuments()).isZero();
      assertThat(db.getCollection("email_threads").countDocuments(new Document("assignedTo", null))).isZero();
      assertThat(wonOnce).isEqualTo(TICKETS);
      assertThat(declinedStored).isEqualTo(declined);
      assertThat(expired).isGreaterThanOrEqualTo(TICKETS - declined);
      Map<String, Long> shares = new HashMap<>();
      db.getCollection("email_threads").find().forEach(t -> shares.merge(emails.get(String.valueOf(t.get("assignedTo"))), 1L,
          Long::sum));
      System.out.println("owners: " + shares);
      assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(TICKETS);
    }
  }

  private static Map<String, List<Document>> byTicket(Iterable<Document> docs) {
    Map<String, List<Document>> out = new HashMap<>();
    for (Document d : docs) {
      Object thread = d.get("threadId");
      out.computeIfAbsent(thread.toString(), k -> new ArrayList<>()).add(d);
    }
    return out;
  }

  private List<JsonNode> offers(int port, String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(send(port, "GET", "/api/offers/mine", token, null).body()).path("offers").forEach(out::add);
    return out;
  }

  private int status(int port, String path, String token) {
    try {
      return send(port, "POST", path, token, null).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String ingest(int port, int n) {
    String mail = "From: Carla <carla" + n + "@example.org>\r\nTo: support@example.com\r\nSubject: race " + n
        + "\r\nMessage-ID: <two-instances-" + n + "@example.org>\r\n\r\nHello\r\n";
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(port, "/api/ingest/raw"))
          .header("Authorization", "Bearer " + INGEST).header("Content-Type", "message/rfc822")
          .POST(HttpRequest.BodyPublishers.ofString(mail)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      return JSON.readTree(response.body()).path("threadId").asText();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String token(int port, String email, String password) throws Exception {
    return JSON.readTree(send(port, "POST", "/api/auth/token", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").body()).path("token").asText();
  }

  private HttpResponse<String> send(int port, String method, String path, String token, String json)
      throws Exception {
    return ApiCalls.send(http, port, Duration.ofSeconds(30), method, path, token, json);
  }

  private static Map<String, String> env(Map<String, String> own) throws IOException {
    Map<String, String> env = new HashMap<>(own);
    env.put("PORT", Integer.toString(FreePorts.next()));
    env.put("ADMIN_EMAIL", "admin@example.com");
    env.put("ADMIN_PASSWORD", "admin-password-1");
    env.put("INGEST_TOKEN", INGEST);
    return env;
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
