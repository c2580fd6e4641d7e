package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.store.embedded.EmbeddedMongo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion killed with SIGKILL in the middle of 1,000 messages, then started again on the same data: every
 * message ends up stored exactly once.
 */
class ImapCrashTest {
  private static final int MESSAGES = 1000;

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  @Test
  void killedMidBatchAndRestartedEveryMessageShouldBeStoredExactlyOnce(@TempDir Path dataDir) throws Exception {
    ImapFixture imap = new ImapFixture(GREEN_MAIL);
    imap.close(); // only its GreenMail user and helpers are needed: the children bring their own database
    for (int n = 1; n <= MESSAGES; n++) {
      imap.deliver(ImapFixture.mail(n));
    }
    int port = GREEN_MAIL.getImap().getPort();

    // killed as soon as the first mail is marked stored, in the middle of the read
    long atKill = runChildUntil(dataDir, port, 1, 0);
    assertThat(atKill).as("killed before the end").isBetween(1L, (long) MESSAGES - 1);
    // the last run is killed once its checkpoint covers the last mail (UIDs 1 to 1,000 in delivery order): before
    // that, its last mails may still be unjournaled writes that only the next start would store again
    long atEnd = runChildUntil(dataDir, port, MESSAGES, MESSAGES);
    assertThat(atEnd).isEqualTo(MESSAGES);

    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("claimdesk");
      Set<String> ids = new HashSet<>();
      db.getCollection("thread_messages").find()
          .forEach(doc -> assertThat(ids.add(doc.getString("messageId"))).as("stored once").isTrue());
      assertThat(ids).hasSize(MESSAGES);
      assertThat(db.getCollection("email_threads").countDocuments()).isEqualTo(MESSAGES);
    }
  }

  /**
   * Runs a child until it reports {@code target} stored messages and a checkpoint saved up to {@code durableUid}
   * (0: any), then kills it with SIGKILL; the last count.
   */
  private static long runChildUntil(Path dataDir, int port, int target, long durableUid) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the mails a killed child had fetched stay in its temporary files: kept inside the test's directory
    Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
    Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        ImapCrashChild.class.getName(), dataDir.toString(), Integer.toString(port))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long stored = -1;
    long saved = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
        if (line.startsWith("stored ")) {
          stored = Long.parseLong(line.substring(7));
        } else if (line.startsWith("saved ")) {
          saved = Long.parseLong(line.substring(6));
        }
        if (stored >= target && saved >= durableUid) {
          break;
        }
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: mid-batch the first time, in the middle of whatever it is doing
      child.waitFor(30, TimeUnit.SECONDS);
    }
    return stored;
  }
}
