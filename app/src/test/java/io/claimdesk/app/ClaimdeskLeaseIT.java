package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances on one database: A (in this JVM) holds the embedded database and opens it on a loopback port
 * with EMBEDDED_MONGO_ADDRESS; B and C are {@code claimdesk.jar} processes using it through MONGODB_URI, both
 * configured for the same GreenMail mailbox. One polls at a time; the holder is killed with SIGKILL while mail
 * arrives, the other takes over within 30 s and every mail is stored once; a third process D then waits, and a
 * SIGTERM to the holder, while 16 clients claim and unclaim through it, keeps every acknowledged change, exits 0
 * and hands the lease to D in under 5 s. With MONGODB_TEST_URI set, every instance uses that
 * MongoDB instead (a database of its own, dropped after).
 */
class ClaimdeskLeaseIT {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final String USER = "support@example.com";
  private static final String LEASE = "imap:" + USER + "@127.0.0.1/INBOX";
  /** 300 by default; {@code -Dlease.it.mails=1000} for the figure. */
  private static final int MAILS = Integer.getInteger("lease.it.mails", 300);
  /** A real MongoDB to run against instead of A's embedded one, with a database of its own. */
  private static final String REAL_MONGODB = System.getenv("MONGODB_TEST_URI");
  private static final String DATABASE = REAL_MONGODB == null ? "claimdesk" : "claimdesk_lease_it_" + System.nanoTime();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void oneInstanceShouldPollAndAnotherTakeOverAfterAKillAndAtOnceAfterACleanStop(@TempDir Path dir)
      throws Exception {
    GREEN_MAIL.setUser(USER, USER, "imap-secret");
    Map<String, String> envA = new HashMap<>(Map.of("PORT", Integer.toString(FreePorts.next()), "DATA_DIR",
        dir.resolve("a").toString(), "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "admin-password-1"));
    String uri;
    if (REAL_MONGODB != null) {
      uri = REAL_MONGODB;
      envA.putAll(Map.of("MONGODB_URI", uri, "MONGODB_DATABASE", DATABASE));
    } else {
      // the plain listener of EMBEDDED_MONGO_ADDRESS asks no password, so the connection string carries none
      int mongoPort = FreePorts.next();
      uri = "mongodb://127.0.0.1:" + mongoPort + "/?serverSelectionTimeoutMS=5000";
      envA.put("EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort);
    }
    List<ChildClaimdesk> children = new ArrayList<>();
    try (Claimdesk a = Claimdesk.start(AppConfig.fromEnv(envA), 4);
        MongoClient client = MongoClients.create(a.embeddedConnectionString().orElse(uri))) {
      MongoDatabase db = client.getDatabase(DATABASE);
      ChildClaimdesk b = start("b", dir, uri);
      children.add(b);
      ChildClaimdesk c = start("c", dir, uri);
      children.add(c);
      b.awaitHealthy();
      c.awaitHealthy();
      await(() -> b.holds(LEASE) || c.holds(LEASE), Duration.ofSeconds(20), "a holder");
      assertThat(b.holds(LEASE) && c.holds(LEASE)).as("both hold").isFalse();
      // A has no IMAP settings: it keeps no IMAP lease (every instance competes for the assignment tick's)
      assertThat(a.leasesHeld()).as("A keeps no IMAP lease without IMAP").doesNotContainKey(LEASE)
          .containsOnlyKeys("assignment");

      Thread delivery = new Thread(() -> {
        for (int n = 1; n <= MAILS; n++) {
          deliver(n);
          pause(20); // about 50 a second: the kill lands in the middle
        }
      }, "delivery");
      delivery.start();
      await(() -> stored(db) >= MAILS / 4, Duration.ofSeconds(60), "a quarter of the mails stored before the kill");
      ChildClaimdesk holder = b.holds(LEASE) ? b : c;
      ChildClaimdesk other = holder == b ? c : b;
      assertThat(holder.logText()).contains("connected to ImapSettings[");
      assertThat(other.logText()).as("the standby never opened the mailbox").doesNotContain("connected to ImapSettings[");
      long storedAtKill = stored(db);
      long killedAt = System.nanoTime();
      holder.kill(); // SIGKILL: no release, no last checkpoint
      await(() -> other.holds(LEASE), Duration.ofSeconds(40), "the other instance to take the lease");
      Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
      delivery.join();
      await(() -> stored(db) >= MAILS, Duration.ofSeconds(90), MAILS + " mails stored");
      Thread.sleep(2_000); // anything stored twice would show now
      Set<String> ids = new HashSet<>();
      db.getCollection("thread_messages").find().forEach(m -> assertThat(ids.add(m.getString("messageId")))
          .as("stored once: " + m.getString("messageId")).isTrue());
      long threads = db.getCollection("email_threads").countDocuments();
      Document lease = db.getCollection("leases").find(new Document("_id", LEASE)).first();
      System.out.println("kill -9 of " + holder.name + " at " + storedAtKill + " stored; " + other.name
          + " held the lease after " + takeover.toMillis() + " ms; stored " + stored(db) + ", messages "
          + ids.size() + ", threads " + threads + "; lease epoch " + lease.get("epoch"));
      assertThat(takeover).isLessThan(Duration.ofSeconds(30));
      assertThat(ids).hasSize(MAILS);
      assertThat(threads).isEqualTo(MAILS);
      assertThat(stored(db)).isEqualTo(MAILS);
      assertThat(((Number) lease.get("epoch")).longValue()).isEqualTo(2);

      // a clean stop: D waits, the holder gets SIGTERM
      ChildClaimdesk d = start("d", dir, uri);
      children.add(d);
      d.awaitHealthy();
      assertThat(d.get("/metrics").body()).contains("claimdesk_lease_held{name=\"" + LEASE + "\"} 0.0\n");
      // 16 clients claim and unclaim through the holder while it gets SIGTERM
      String token = token(d.port);
      List<String> tickets = new ArrayList<>();
      db.getCollection("email_threads").find().limit(16).forEach(t -> tickets.add(t.getObjectId("_id").toHexString()));
      Map<String, Long> earlier = new HashMap<>();
      for (String ticket : tickets) {
        earlier.put(ticket, ClaimingClients.ownerChanges(http, d.port, token, ticket));
      }
      ClaimingClients clients = new ClaimingClients(other.port, token, tickets);
      Thread.sleep(1_000);
      long stoppedAt = System.nanoTime();
      other.process.destroy(); // SIGTERM: the shutdown hook releases the lease
      await(() -> d.holds(LEASE), Duration.ofSeconds(20), "D to take the lease");
      Duration handover = Duration.ofNanos(System.nanoTime() - stoppedAt);
      boolean exited = other.process.waitFor(30, TimeUnit.SECONDS);
      deliver(MAILS + 1);
      await(() -> stored(db) == MAILS + 1, Duration.ofSeconds(20), "a mail read by D");
      System.out.println("SIGTERM to " + other.name + ": D held the lease after " + handover.toMillis()
          + " ms; exited " + exited + "; stored " + stored(db));
      assertThat(handover).isLessThan(Duration.ofSeconds(5));
      assertThat(exited).isTrue();
      assertThat(other.process.exitValue()).as("exit code after SIGTERM").isZero();
      clients.close();
      System.out.println("16 clients through " + other.name + ": " + clients.total() + " changes acknowledged");
      assertThat(clients.total()).isGreaterThan(16);
      for (String ticket : tickets) {
        long changes = ClaimingClients.ownerChanges(http, d.port, token, ticket) - earlier.get(ticket);
        // each acknowledged change is kept; one more may have been applied as the connection closed unanswered
        assertThat(changes).as(ticket).isBetween((long) clients.acknowledged(ticket),
            clients.acknowledged(ticket) + 1L);
      }
    } finally {
      for (ChildClaimdesk child : children) {
        child.kill();
      }
      if (REAL_MONGODB != null) {
        try (MongoClient client = MongoClients.create(REAL_MONGODB)) {
          client.getDatabase(DATABASE).drop();
        }
      }
    }
  }

  private static long stored(MongoDatabase db) {
    return db.getCollection("message_ids").countDocuments(new Document("stored", true));
  }

  private static void deliver(int n) {
    String raw = "From: Customer " + n + " <customer" + n + "@example.org>\r\nTo: " + USER + "\r\n"
        + "Subject: Question number " + n + "\r\nMessage-ID: <question-" + n + "@example.org>\r\n\r\n"
        + "This is question " + n + ".\r\n";
    try {
      GREEN_MAIL.getManagers().getUserManager().getUser(USER).deliver(new MimeMessage(
          Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The admin's API token, asked of the instance at {@code port}. */
  private String token(int port) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/auth/token")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("token").asText();
  }

  private static ChildClaimdesk start(String name, Path dir, String uri) throws IOException {
    return ChildClaimdesk.start(name, dir, uri, Map.of("MONGODB_DATABASE", DATABASE, "IMAP_HOST", "127.0.0.1",
        "IMAP_PORT", Integer.toString(GREEN_MAIL.getImap().getPort()), "IMAP_SSL", "false", "IMAP_USER", USER,
        "IMAP_PASSWORD", "imap-secret", "IMAP_POLL_SECONDS", "1"));
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
