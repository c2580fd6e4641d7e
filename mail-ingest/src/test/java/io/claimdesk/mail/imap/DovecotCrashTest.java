package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.store.embedded.EmbeddedMongo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * claimdesk's IMAP ingestion against a real Dovecot, killed with SIGKILL several times while it reads a backlog of
 * 2,000 threaded mails and started again on the same data each time: every mail ends up stored exactly once, on the
 * ticket of the mail it replies to, with each ticket's message count right; the flags in the mailbox are the same
 * afterwards ({@code \Seen} is never set by reading); and each restart reads again only what was in flight when it
 * was killed, at most {@value #REREAD_BOUND} mails (the poller saves its checkpoint every
 * {@value ImapMailboxPoller#CHECKPOINT_EVERY_MAILS} mails). Needs Dovecot ({@link DovecotServer}); CI installs it.
 */
class DovecotCrashTest {
  private static final int MAILS = 2000;
  /**
   * Killed when the child reports this many mails stored: about 10 %, 35 % and 60 % of the backlog, between two of
   * the checkpoints saved every 100 mails, so that each restart has something to read again.
   */
  private static final int[] KILL_AT = {250, 730, 1270};
  private static final int REREAD_BOUND = 200;
  private static final String USER = "support@example.com";
  private static final String PASSWORD = "dovecot-secret";

  @BeforeAll
  static void needsDovecot() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (ci) {
      assertThat(DovecotServer.available()).as("CI must install dovecot-imapd (.ci/run does)").isTrue();
    }
    Assumptions.assumeTrue(DovecotServer.available(), "no " + DovecotServer.executable()
        + " on this machine (install dovecot-imapd, or name it with -D" + DovecotServer.EXECUTABLE_PROPERTY + ")");
  }

  @Test
  void killedSeveralTimesDuringABacklogEveryMailIsStoredOnceOnItsThread(@TempDir Path dataDir,
      @TempDir Path mailDir) throws Exception {
    long started = System.nanoTime();
    Backlog backlog = new Backlog(MAILS, new Random(20261207));
    try (DovecotServer dovecot = new DovecotServer(mailDir, USER, PASSWORD)) {
      long writing = System.nanoTime();
      for (int n = 1; n <= MAILS; n++) {
        dovecot.deliver(backlog.raw(n), backlog.maildirFlags(n));
      }
      System.out.printf("DovecotCrashTest: %d mails written into the Maildir in %d ms (%d replies)%n", MAILS,
          millisSince(writing), backlog.replies());
      long starting = System.nanoTime();
      dovecot.start();
      List<DovecotServer.Listed> before = dovecot.list("INBOX"); // Dovecot reads the Maildir and numbers it now
      System.out.printf("DovecotCrashTest: Dovecot started on 127.0.0.1:%d and listed the INBOX in %d ms%n",
          dovecot.port(), millisSince(starting));
      assertThat(before).extracting(DovecotServer.Listed::messageId)
          .as("Dovecot numbered the mails in delivery order: a parent has a lower UID than its replies")
          .containsExactlyElementsOf(backlog.messageIds());
      assertThat(before).extracting(DovecotServer.Listed::flags).as("the flags as delivered")
          .containsExactlyElementsOf(backlog.imapFlags());
      long[] uids = before.stream().mapToLong(DovecotServer.Listed::uid).toArray();

      List<Run> runs = new ArrayList<>();
      for (int target : KILL_AT) {
        Run run = runChildUntil(dataDir, dovecot, target, 0, runs.size());
        assertThat(run.storedAtKill()).as("killed in the middle of the backlog").isBetween((long) target,
            (long) MAILS - 1);
        runs.add(run);
      }
      // the last run is killed only once its checkpoint covers the last mail: what comes after a checkpoint may be
      // lost with the unjournaled writes, to be read again by the next start, and there is none after this one
      Run last = runChildUntil(dataDir, dovecot, MAILS, uids[uids.length - 1], runs.size());
      assertThat(last.storedAtKill()).isEqualTo(MAILS);
      runs.add(last);

      long[] reread = new long[runs.size()];
      for (int i = 0; i < runs.size(); i++) { // all printed first: the figures are wanted when an assertion fails
        Run run = runs.get(i);
        String line = String.format("DovecotCrashTest: run %d started from checkpoint UID %s, killed at %d stored, "
            + "%d ms", i + 1, run.checkpointUid() < 0 ? "none" : run.checkpointUid(), run.storedAtKill(), run.millis());
        if (i > 0) {
          // UIDs are given in delivery order and mail is stored in UID order: the stored count is a position
          reread[i] = runs.get(i - 1).storedAtKill() - uidsUpTo(uids, run.checkpointUid());
          line += "; read again: " + reread[i] + " mails";
        }
        System.out.println(line);
      }
      assertThat(runs.get(0).checkpointUid()).as("the first run starts from nothing").isEqualTo(-1);
      for (int i = 1; i < runs.size(); i++) {
        assertThat(runs.get(i).checkpointUid()).as("restart %d starts from a checkpoint", i).isPositive();
        assertThat(runs.get(i).checkpointUid()).as("a checkpoint never goes back")
            .isGreaterThanOrEqualTo(runs.get(i - 1).checkpointUid());
        assertThat(reread[i]).as("restart %d reads again only what was in flight", i).isLessThanOrEqualTo(REREAD_BOUND);
      }

      assertStoredOnceOnTheirThreads(dataDir, backlog);
      assertThat(dovecot.list("INBOX")).as("the flags in the mailbox after the last run").isEqualTo(before);
    }
    System.out.printf("DovecotCrashTest: took %d ms%n", millisSince(started));
  }

  private static void assertStoredOnceOnTheirThreads(Path dataDir, Backlog backlog) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("claimdesk");
      Map<String, Object> threadOf = new HashMap<>();
      Map<Object, Integer> messagesOf = new HashMap<>();
      db.getCollection("thread_messages").find().forEach(doc -> {
        String messageId = doc.getString("messageId");
        assertThat(threadOf.put(messageId, doc.get("threadId"))).as("%s stored once", messageId).isNull();
        messagesOf.merge(doc.get("threadId"), 1, Integer::sum);
      });
      assertThat(threadOf.keySet()).as("every mail stored").containsExactlyInAnyOrderElementsOf(backlog.messageIds());
      assertThat(db.getCollection("message_ids").countDocuments(new Document("stored", true))).isEqualTo(MAILS);
      Set<Object> rootThreads = new HashSet<>();
      for (int n = 1; n <= MAILS; n++) {
        Object thread = threadOf.get(backlog.messageId(n));
        if (backlog.parent(n) == 0) {
          assertThat(rootThreads.add(thread)).as("mail %d opens a ticket of its own", n).isTrue();
        } else {
          assertThat(thread).as("reply %d on the ticket of mail %d", n, backlog.parent(n))
              .isEqualTo(threadOf.get(backlog.messageId(backlog.parent(n))));
        }
      }
      Map<Object, Integer> counted = new HashMap<>();
      db.getCollection("email_threads").find()
          .forEach(doc -> counted.put(doc.get("_id"), ((Number) doc.get("messageCount")).intValue()));
      assertThat(counted).as("one ticket per thread root, counting its messages").isEqualTo(messagesOf);
      assertThat(counted.keySet()).isEqualTo(rootThreads).hasSize(MAILS - backlog.replies());
    }
  }

  /** How many mails have a UID up to {@code uid}. */
  private static long uidsUpTo(long[] sortedUids, long uid) {
    int at = Arrays.binarySearch(sortedUids, uid);
    return at >= 0 ? at + 1 : -at - 1;
  }

  /** One run of the child: the checkpoint UID it started from (-1: none), the stored count it last reported. */
  private record Run(long checkpointUid, long storedAtKill, long millis) {}

  /**
   * Runs a child until it reports {@code target} stored mails and a checkpoint saved up to {@code durableUid} (0: no
   * matter), then kills it with SIGKILL; half a second later when waiting for a checkpoint, for the commit of the
   * write it saw to be done.
   */
  private static Run runChildUntil(Path dataDir, DovecotServer dovecot, int target, long durableUid, int number)
      throws Exception {
    long started = System.nanoTime();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the mails a killed child had fetched stay in its temporary files: kept inside the test's directory
    Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
    Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        ImapCrashChild.class.getName(), dataDir.toString(), dovecot.host(), Integer.toString(dovecot.port()),
        dovecot.user(), dovecot.password(), "INBOX")
        .redirectError(dataDir.resolve("tmp").resolve("child-" + number + ".log").toFile())
        .start();
    long checkpointUid = Long.MIN_VALUE;
    long stored = -1;
    long saved = -1;
    long killAt = Long.MAX_VALUE;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
        if (line.equals("checkpoint none")) {
          checkpointUid = -1;
        } else if (line.startsWith("checkpoint ")) {
          checkpointUid = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("stored ")) {
          stored = Long.parseLong(line.substring(7));
        } else if (line.startsWith("saved ")) {
          saved = Long.parseLong(line.substring(6));
          if (stored >= target && saved >= durableUid) {
            if (durableUid == 0) {
              break;
            }
            killAt = Math.min(killAt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
          }
        }
        if (System.nanoTime() >= killAt) {
          break;
        }
      }
    } finally {
      // SIGKILL, in the middle of whatever it is doing; through its handle, as Process.destroyForcibly() would also
      // close the pipe, and what the child printed just before the kill is still to be read from it
      child.toHandle().destroyForcibly();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IllegalStateException("run " + (number + 1) + " outlived SIGKILL by 30 s");
      }
    }
    try (out) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("stored ")) {
          stored = Long.parseLong(line.substring(7));
        }
      }
    }
    assertThat(checkpointUid).as("run %d printed its checkpoint", number + 1).isNotEqualTo(Long.MIN_VALUE);
    assertThat(stored).as("run %d reached %d stored mails in time", number + 1, target).isGreaterThanOrEqualTo(target);
    assertThat(saved).as("run %d saved its checkpoint up to UID %d in time", number + 1, durableUid)
        .isGreaterThanOrEqualTo(durableUid);
    return new Run(checkpointUid, stored, millisSince(started));
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /**
   * The mails: about a third are replies to an earlier mail (In-Reply-To the parent, References from the thread's
   * root to the parent); every fifth is \Seen already and every seventh \Flagged.
   */
  private static final class Backlog {
    private final int[] parent;
    private final List<List<Integer>> chain = new ArrayList<>();
    private int replies;

    Backlog(int mails, Random random) {
      parent = new int[mails + 1];
      chain.add(List.of());
      for (int n = 1; n <= mails; n++) {
        if (n > 1 && random.nextInt(3) == 0) {
          parent[n] = n - 1 - random.nextInt(Math.min(n - 1, 60));
          replies++;
        }
        List<Integer> ancestors = new ArrayList<>();
        if (parent[n] != 0) {
          ancestors.addAll(chain.get(parent[n]));
          ancestors.add(parent[n]);
        }
        chain.add(ancestors);
      }
    }

    int parent(int n) {
      return parent[n];
    }

    int replies() {
      return replies;
    }

    String messageId(int n) {
      return "<backlog-" + n + "@customers.example.org>";
    }

    List<String> messageIds() {
      List<String> ids = new ArrayList<>();
      for (int n = 1; n < parent.length; n++) {
        ids.add(messageId(n));
      }
      return ids;
    }

    /** Maildir flag letters, in ASCII order as Maildir wants them. */
    String maildirFlags(int n) {
      return (n % 7 == 3 ? "F" : "") + (n % 5 == 1 ? "S" : "");
    }

    List<String> imapFlags() {
      List<String> flags = new ArrayList<>();
      for (int n = 1; n < parent.length; n++) {
        String letters = maildirFlags(n);
        flags.add(String.join(" ", letters.chars().mapToObj(c -> c == 'F' ? "\\Flagged" : "\\Seen").toList()));
      }
      return flags;
    }

    byte[] raw(int n) {
      List<Integer> ancestors = chain.get(n);
      int root = ancestors.isEmpty() ? n : ancestors.get(0);
      StringBuilder mail = new StringBuilder()
          .append("From: Customer ").append(n).append(" <customer").append(n % 97).append("@customers.example.org>\r\n")
          .append("To: ").append(USER).append("\r\n")
          .append("Subject: ").append(n == root ? "" : "Re: ").append("Question number ").append(root).append("\r\n")
          .append("Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n")
          .append("Message-ID: ").append(messageId(n)).append("\r\n");
      if (!ancestors.isEmpty()) {
        mail.append("In-Reply-To: ").append(messageId(parent[n])).append("\r\n").append("References:");
        for (int ancestor : ancestors) {
          mail.append(' ').append(messageId(ancestor));
        }
        mail.append("\r\n");
      }
      return mail.append("\r\n").append("This is mail ").append(n).append(" of the backlog.\r\n").toString()
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
