package io.claimdesk.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.claimdesk.app.AppConfig;
import io.claimdesk.app.Claimdesk;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.mail.imap.ImapSettings;
import io.claimdesk.mail.imap.WholeMessages;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bson.Document;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Scenario {@code ingest}: claimdesk runs as in production (embedded database, IMAP_HOST set to GreenMail, reached
 * through a relay the bench can cut). After a warm-up of W mails posted to {@code /api/ingest/raw}: the raw
 * fetch-and-parse rate (N mails in another mailbox fetched as the poller fetches them and parsed, nothing stored),
 * then the IMAP ingestion rate (the same N mails copied into the support INBOX while claimdesk is cut off, timed from
 * its reconnection until all are stored), then M mails posted by C clients. Prints rates, the
 * webhook's latency, and the peak heap.
 */
final class IngestScenario {
  private static final String USER = "support@example.com";
  private static final String BASELINE_USER = "baseline@example.com";
  private static final String STAGING = "Staging";
  private static final String WARMUP_FOLDER = "Warmup";
  private static final int BASELINE_PASSES = 3;
  private static final String PASSWORD = "bench-imap-password";
  private static final String TOKEN = "bench-ingest-token-0123456789";
  private static final int WARMUP_ROUND = 500;
  /**
   * IMAP warm-up reads: after one, the per-mail code of a read has run N times, short of the counts at which the C2
   * compiler takes it up, and the next read paid for that compiling (2.4 to 4.5 s of compiler time in a 5 s read).
   * Each read also reaches branches the webhook's mails did not, and methods the JIT then recompiles: the rates of
   * the warm-up reads printed by each run show them settling from the third read on.
   */
  private static final int IMAP_WARMUP_ROUNDS = 5;

  private IngestScenario() {}

  static void run(int imapMessages, int imapWarmup, int webhookMessages, int warmupMessages, int clients)
      throws Exception {
    try (MailServerProcess mailServer = MailServerProcess.start(imapMessages, imapWarmup, IMAP_WARMUP_ROUNDS, USER,
        BASELINE_USER, PASSWORD, STAGING, WARMUP_FOLDER);
        OutageProxy outage = OutageProxy.start(mailServer.imapPort())) {
      int imapPort = mailServer.imapPort();
      HeapSampler heap = HeapSampler.start();

      Path dataDir = ScratchDir.create("claimdesk-bench-");
      int port = freePort();
      try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.ofEntries(
          Map.entry("DATA_DIR", dataDir.toString()), Map.entry("PORT", Integer.toString(port)),
          Map.entry("SUPPORT_ADDRESS", USER), Map.entry("INGEST_TOKEN", TOKEN),
          Map.entry("IMAP_HOST", "127.0.0.1"), Map.entry("IMAP_PORT", Integer.toString(outage.port())),
          Map.entry("IMAP_SSL", "false"), Map.entry("IMAP_USER", USER), Map.entry("IMAP_PASSWORD", PASSWORD),
          Map.entry("IMAP_POLL_SECONDS", "1"))));
          MongoClient client = MongoClients.create(app.embeddedConnectionString().orElseThrow())) {
        MongoCollection<Document> ids = client.getDatabase("claimdesk").getCollection("message_ids");
        ThreadLocal<KeepAliveClient> http = ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        // with one C2 thread (two cores) the JIT compiles the parsing and storing paths for tens of seconds: every
        // rate is measured after a warm-up through the webhook, as in a server that has been up a while; the
        // warm-up's own rates are printed too
        Warmup warmup = Warmup.run(warmupMessages, round -> Concurrent.run(WARMUP_ROUND, clients,
            i -> post(http.get(), mail("warmup", round * WARMUP_ROUND + i))));

        // the IMAP client's code is warmed up too: the baseline's first pass is not counted, and the poller first
        // reads a warm-up folder's mails
        fetchAndParse(imapPort, imapMessages, true);
        double settledBeforeBaseline = Jit.settle();
        phase("baseline");
        // a single thread, so other work on the two cores (either JVM's JIT, a GC) moves it a lot: measured three
        // times, and the fastest is the one compared with
        List<Double> rawRates = new ArrayList<>();
        for (int pass = 0; pass < BASELINE_PASSES; pass++) {
          rawRates.add(fetchAndParse(imapPort, imapMessages, true));
        }
        double rawPerSecond = rawRates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // for comparison only: the same without asking for the UIDs, as the baseline was measured before
        double bySequence = fetchAndParse(imapPort, imapMessages, false);
        System.out.printf("baseline passes (mails/s): %s; one more taking the messages by sequence number, without "
            + "their UIDs (which the poller cannot do without): %d%n",
            rawRates.stream().map(r -> Long.toString(Math.round(r))).toList(), Math.round(bySequence));
        MongoCollection<Document> checkpoints = client.getDatabase("claimdesk").getCollection("mail_checkpoints");
        // the poller's checkpoint key, as it makes it: through the relay's port
        String inbox = new ImapSettings("127.0.0.1", outage.port(), false, USER, PASSWORD, "INBOX", Duration.ZERO,
            Duration.ZERO, Duration.ZERO).mailboxKey();
        List<String> imapWarmupRounds = new ArrayList<>();
        for (int round = 1; round <= IMAP_WARMUP_ROUNDS; round++) {
          long compiled = Jit.compileMillis();
          double seconds = arriveAndStore(imapPort, outage, WARMUP_FOLDER + round, imapWarmup, checkpoints, inbox,
              (round - 1) * imapWarmup).readSeconds();
          imapWarmupRounds.add(String.format("%.0f/s (JIT %d ms)", imapWarmup / seconds,
              Jit.compileMillis() - compiled));
          // each read faces a folder of N mails, as the baseline does: GreenMail's cost per command grows with it
          expungeInbox(imapPort);
        }
        double settledBeforeImap = Jit.settle();
        long compiledBefore = Jit.compileMillis();
        Map<String, Long> cpuBefore = ThreadCpu.byName();
        phase("IMAP ingestion");
        Read imapRead = arriveAndStore(imapPort, outage, STAGING, imapMessages, checkpoints, inbox,
            IMAP_WARMUP_ROUNDS * imapWarmup);
        double imapSeconds = imapRead.readSeconds();
        long imapCompileMillis = Jit.compileMillis() - compiledBefore;
        String imapCpu = ThreadCpu.since(cpuBefore, imapSeconds);

        double settledBeforeWebhook = Jit.settle();
        phase("webhook");
        Latencies webhook = Concurrent.run(webhookMessages, clients, i -> post(http.get(), mail("webhook", i)));
        phase("done");
        long stored = ids.countDocuments(new Document("stored", true));
        print(imapMessages, webhookMessages, clients, rawPerSecond, imapMessages / imapSeconds, warmup, webhook,
            stored - warmup.messages() - IMAP_WARMUP_ROUNDS * imapWarmup, heap.stop());
        System.out.printf("IMAP warm-up: %d reads of %d mails before the measured ones, not counted above: %s; JIT "
            + "compiling during the measured IMAP ingestion: %d ms%nCPU of claimdesk's threads during the measured "
            + "IMAP ingestion (share of one core): %s%nthe measured mails' COPY into the INBOX (claimdesk cut off "
            + "meanwhile, not timed): %.2f s; claimdesk reconnected %.2f s after the COPY (its backoff, not timed)%n"
            + "waited for the JIT compilers to fall idle before the baseline %.1f s, the IMAP read %.1f s, the webhook "
            + "%.1f s%n", IMAP_WARMUP_ROUNDS, imapWarmup, String.join(", ", imapWarmupRounds), imapCompileMillis,
            imapCpu, imapRead.copySeconds(), imapRead.reconnectSeconds(), settledBeforeBaseline, settledBeforeImap,
            settledBeforeWebhook);
      }
    }
  }

  /** One timed read: the COPY and the wait for claimdesk to reconnect (both untimed), then the read itself. */
  record Read(double copySeconds, double reconnectSeconds, double readSeconds) {}

  /**
   * Cuts claimdesk off from the mail server, copies the mails of {@code folder} into the support INBOX with one IMAP
   * COPY (all at once, as during an outage), lets claimdesk connect again, and times from its new connection until
   * the poller's checkpoint passes the last of them: it saves it once every mail before it is stored, and it is read
   * by id, so that watching costs the run next to nothing. The baseline too starts from a connection to a folder
   * holding every mail; with the connection left open, IDLE would start the read on the first mails of the COPY
   * while the server is still busy copying.
   */
  private static Read arriveAndStore(int imapPort, OutageProxy outage, String folder, int count,
      MongoCollection<Document> checkpoints, String inbox, int before) throws Exception {
    Document atLast = new Document("_id", inbox).append("lastUid", new Document("$gte", before + count));
    outage.down();
    long copyStart = System.nanoTime();
    arrive(imapPort, folder, count);
    long copied = System.nanoTime();
    outage.up();
    while (outage.connectedSince() == 0) {
      Thread.sleep(5);
    }
    long connected = outage.connectedSince();
    while (checkpoints.find(atLast).first() == null) {
      Thread.sleep(20);
    }
    long stored = System.nanoTime();
    return new Read((copied - copyStart) / 1e9, (connected - copied) / 1e9, (stored - connected) / 1e9);
  }

  /** Deletes every mail of the support INBOX (stored by claimdesk already), as a person tidying up would. */
  private static void expungeInbox(int imapPort) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", imapPort, USER, PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
      inbox.close(true);
    }
  }

  private static void arrive(int imapPort, String folder, int count) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", imapPort, USER, PASSWORD);
      Folder staged = store.getFolder(folder);
      staged.open(Folder.READ_ONLY);
      Message[] messages = staged.getMessages();
      if (messages.length != count) {
        throw new IllegalStateException(messages.length + " staged mails, not " + count);
      }
      staged.copyMessages(messages, store.getFolder("INBOX"));
      staged.close(false);
    }
  }

  /** The warm-up: rounds of mails before the measured ones, each round's rate kept to show it level off. */
  record Warmup(int messages, double seconds, List<Latencies> rounds, List<Long> compileMillis) {
    interface Round {
      Latencies run(int round) throws Exception;
    }

    static Warmup run(int messages, Round round) throws Exception {
      List<Latencies> rounds = new ArrayList<>();
      List<Long> compiling = new ArrayList<>();
      double seconds = 0;
      for (int n = 0; n * WARMUP_ROUND < messages; n++) {
        long compiledBefore = Jit.compileMillis();
        Latencies latencies = round.run(n);
        compiling.add(Jit.compileMillis() - compiledBefore);
        rounds.add(latencies);
        seconds += latencies.seconds();
      }
      return new Warmup(rounds.size() * WARMUP_ROUND, seconds, rounds, compiling);
    }

    String rates() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < rounds.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(Math.round(rounds.get(i).perSecond()))
            .append(" (JIT ").append(compileMillis.get(i)).append(" ms)");
      }
      return out.toString();
    }
  }

  /** Marks the start of a phase on stderr, for lining a profile up with the phases. */
  private static void phase(String name) {
    System.err.println(java.time.LocalTime.now() + " phase: " + name);
  }

  /** CPU time of this JVM's threads (claimdesk's and the bench's), summed by name without digits. */
  static final class ThreadCpu {
    private ThreadCpu() {}

    static Map<String, Long> byName() {
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      Map<String, Long> nanos = new java.util.TreeMap<>();
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          nanos.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
        }
      }
      return nanos;
    }

    /** The threads that used the most CPU since {@code before}, as shares of one core over {@code seconds}. */
    static String since(Map<String, Long> before, double seconds) {
      Map<String, Long> now = byName();
      return now.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
          .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue() / 1e9 / seconds))
          .collect(java.util.stream.Collectors.joining(", "));
    }
  }

  /** Time the JIT compilers spent so far, summed over its threads. */
  static final class Jit {
    private Jit() {}

    static long compileMillis() {
      return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Waits (30 s at most) until the compilers have been all but idle for a second, and returns how long that took:
     * with one compiler thread on two cores, methods a warm-up made hot are still queued for compiling when it ends,
     * and compiling them would take the measured phase's CPU.
     */
    static double settle() throws InterruptedException {
      long start = System.nanoTime();
      long before = compileMillis();
      while (System.nanoTime() - start < 30_000_000_000L) {
        Thread.sleep(1000);
        long now = compileMillis();
        if (now - before < 20) {
          break;
        }
        before = now;
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static void post(KeepAliveClient http, String mail) throws Exception {
    KeepAliveClient.Response response = http.post("/api/ingest/raw", TOKEN, mail);
    if (response.status() != 202 || !response.body().contains("\"created\":true")) {
      throw new IllegalStateException("webhook answered " + response.status() + ": " + response.body());
    }
  }

  /** A plain customer mail of a realistic size (text and HTML alternatives, about 3 kB). */
  static String mail(String source, int n) {
    String text = ("Hello, this is " + source + " message " + n + ". The export to CSV is empty again since the "
        + "last update; I attached nothing, but here is what I did step by step.\r\n").repeat(8);
    return "From: Customer " + n + " <customer" + n + "@example.org>\r\n"
        + "To: " + USER + "\r\n"
        + "Subject: Export problem " + source + " " + n + "\r\n"
        + "Message-ID: <" + source + "-" + n + "@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
        + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
        + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>" + text.replace("\r\n", "<br>") + "</p>\r\n"
        + "--alt--\r\n";
  }

  /**
   * The baseline: every message fetched over IMAP and parsed, nothing stored. {@code byUid}: the messages are
   * chosen as the poller chooses them, by UID ({@code UID FETCH n:*}), which it needs to know what is new and to
   * keep its checkpoint; else by sequence number, without asking for UIDs.
   */
  private static double fetchAndParse(int imapPort, int count, boolean byUid) throws Exception {
    MimeParser parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());
    AttachmentStore discard = new DiscardedAttachments();
    long start = System.nanoTime();
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", imapPort, BASELINE_USER, PASSWORD);
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<Message> messages = List.of(byUid ? inbox.getMessagesByUID(1, UIDFolder.MAXUID) : inbox.getMessages());
      if (messages.size() != count) {
        throw new IllegalStateException(messages.size() + " baseline mails, not " + count);
      }
      // fetched as the poller fetches them, in batches of whole messages, then parsed
      for (int from = 0; from < messages.size(); from += WholeMessages.BATCH) {
        List<Message> batch = messages.subList(from, Math.min(messages.size(), from + WholeMessages.BATCH));
        WholeMessages.forEach(inbox, batch, (message, raw) -> {
          ParseResult parsed;
          if (raw != null) {
            parsed = parser.parse(raw, discard); // as the poller keeps a small mail fetched with its chunk
          } else {
            Path file = Files.createTempFile("claimdesk-bench-", ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
              message.writeTo(out);
            }
            parsed = parser.parse(file, discard);
            Files.delete(file);
          }
          if (!(parsed instanceof ParseResult.Parsed)) {
            throw new IllegalStateException("a bench mail did not parse");
          }
        });
      }
      inbox.close(false);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static void print(int imapMessages, int webhookMessages, int clients, double raw, double imap,
      Warmup warmup, Latencies webhook, long stored, HeapSampler.Peak heap) {
    System.out.printf("%nscenario ingest: %d messages over IMAP (GreenMail), %d over POST /api/ingest/raw from %d "
        + "clients, embedded H2 database; %d processors, max heap %d MB%n%n", imapMessages, webhookMessages, clients,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.println("| path | messages/s | p50 ms | p99 ms |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf("| raw IMAP fetch + parse, nothing stored (baseline) | %.0f | | |%n", raw);
    System.out.printf("| IMAP ingestion (fetch, parse, store, checkpoint) | %.0f | | |%n", imap);
    if (!warmup.rounds().isEmpty()) {
      Latencies first = warmup.rounds().get(0);
      System.out.printf("| POST /api/ingest/raw, first %d of the warm-up (cold JIT) | %.0f | %.2f | %.2f |%n",
          first.count(), first.perSecond(), first.percentileMillis(50), first.percentileMillis(99));
    }
    System.out.printf("| POST /api/ingest/raw, %d after the warm-up | %.0f | %.2f | %.2f |%n", webhook.count(),
        webhook.perSecond(), webhook.percentileMillis(50), webhook.percentileMillis(99));
    System.out.printf("%nIMAP ingestion / raw fetch-and-parse: %.2f; stored %d of %d (and %d webhook warm-up mails); "
        + "most heap in use %d MB (sampled every 20 ms, garbage included), %d MB as a collection left it%n"
        + "warm-up: %d mails in %.1f s, mails/s per round of %d: %s%n",
        imap / raw, stored, imapMessages + webhookMessages, warmup.messages(), heap.inUseMb(),
        heap.afterCollectionMb(), warmup.messages(), warmup.seconds(), WARMUP_ROUND, warmup.rates());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
