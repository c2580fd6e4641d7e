package io.claimdesk.mail.imap;

import io.claimdesk.core.StoreUnavailableException;
import io.claimdesk.core.mail.MailboxCheckpoints;
import io.claimdesk.core.mail.MailboxCheckpoints.Checkpoint;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one IMAP folder into claimdesk. Progress is a checkpoint of (UIDVALIDITY, last UID) per folder, advanced
 * over messages as they are stored, in UID order, and saved every {@link #CHECKPOINT_EVERY_MAILS} mails or
 * {@link #CHECKPOINT_EVERY_MILLIS} ms and when a read ends: after a crash at most that much is read again, and
 * found stored already. So the pipeline may store with unjournaled writes: saving the checkpoint, a journaled write,
 * makes them durable up to it, and what comes after it is read again. The {@code \Seen} flag is never read or changed (the folder is opened read-only), so mail
 * someone already read in their mail client is ingested too. Messages are fetched whole in chunks
 * ({@link WholeMessages}) and each is handed to the {@link IngestPipeline} like mail from any other source. A new
 * UIDVALIDITY means the UIDs were renumbered: the folder is read again from the start and the Message-ID index drops
 * what is already stored. Waits with IDLE when the server offers it (ended and re-issued after {@code idleFor} or
 * {@code pollEvery}, whichever is shorter, so that a server whose IDLE never reports still gets polled), polls
 * otherwise, and reconnects with backoff after any failure: the poller thread only ends when closed. A message
 * whose own storing fails {@link #ATTEMPTS_PER_MESSAGE} times is quarantined rather than retried forever; a lost
 * connection, to the mail server or the database, says nothing about the message and is never counted.
 */
public final class ImapMailboxPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapMailboxPoller.class);
  static final int ATTEMPTS_PER_MESSAGE = 5;
  static final int CHECKPOINT_EVERY_MAILS = 100;
  static final long CHECKPOINT_EVERY_MILLIS = 2_000;
  private static final long CLOSE_GRACE_MILLIS = 10_000;

  private final ImapSettings settings;
  private final MailboxCheckpoints checkpoints;
  private final Session session;
  private final Thread thread;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "claimdesk-imap-idle-watchdog");
    t.setDaemon(true);
    return t;
  });
  private final IngestPipeline pipeline;
  private final long epoch;
  private volatile boolean running = true;
  private volatile boolean fencedOut;
  private volatile boolean reading;
  private volatile IMAPFolder open;
  private long announcedValidity = -1;
  /** The UID whose storing failed last, and how many times in a row. */
  private long failingUid = -1;
  private int failures;

  /** A poller that is the mailbox's only reader without a lease (one instance). */
  public ImapMailboxPoller(ImapSettings settings, IngestPipeline pipeline, MailboxCheckpoints checkpoints) {
    this(settings, pipeline, checkpoints, 0);
  }

  /**
   * A poller reading under the lease of {@code epoch}: its checkpoint is saved only while no newer holder has
   * saved one; once refused, it stops, since another instance reads the mailbox now.
   */
  public ImapMailboxPoller(ImapSettings settings, IngestPipeline pipeline, MailboxCheckpoints checkpoints,
      long epoch) {
    this.epoch = epoch;
    this.settings = settings;
    this.checkpoints = checkpoints;
    this.pipeline = pipeline;
    this.session = Session.getInstance(properties(settings));
    this.thread = new Thread(this::run, "claimdesk-imap-poller");
    this.thread.setDaemon(true);
  }

  private static Properties properties(ImapSettings s) {
    String protocol = s.ssl() ? "imaps" : "imap";
    String millis = Long.toString(s.timeout().toMillis());
    Properties props = new Properties();
    props.setProperty("mail.store.protocol", protocol);
    // Angus waits forever by default; a dead connection must fail and be reconnected instead
    props.setProperty("mail." + protocol + ".connectiontimeout", millis);
    props.setProperty("mail." + protocol + ".timeout", millis);
    props.setProperty("mail." + protocol + ".writetimeout", millis);
    props.setProperty("mail." + protocol + ".partialfetch", "false");
    // the folder is opened read-only already; PEEK also keeps a server that ignores that from setting \Seen
    props.setProperty("mail." + protocol + ".peek", "true");
    return props;
  }

  public ImapMailboxPoller start() {
    thread.start();
    return this;
  }

  private void run() {
    long backoff = settings.pollEvery().toMillis();
    while (running) {
      try (Store store = session.getStore()) {
        store.connect(settings.host(), settings.port(), settings.user(), settings.password());
        log.info("connected to {}", settings);
        backoff = settings.pollEvery().toMillis();
        follow((IMAPStore) store);
      } catch (MessagingException | IOException | RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("IMAP {} failed ({}); reconnecting in {} ms", settings.mailboxKey(), e.getMessage(), backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, Math.max(60_000, settings.pollEvery().toMillis()));
      }
    }
  }

  /** Reads what is new, then waits for more, until the connection fails or the poller is closed. */
  private void follow(IMAPStore store) throws MessagingException, IOException {
    IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
    folder.open(Folder.READ_ONLY);
    open = folder;
    try {
      boolean idle = store.hasCapability("IDLE");
      while (running) {
        reading = true;
        try {
          readNew(folder);
        } finally {
          reading = false;
        }
        if (!running) {
          return; // closed, or fenced out while reading
        }
        if (idle) {
          // also ended after pollEvery: a server that accepts IDLE but reports nothing, or a connection a NAT
          // dropped without a word, is still polled
          long idleMillis = Math.min(settings.idleFor().toMillis(), settings.pollEvery().toMillis());
          // repeated: a poke that lands just before IDLE starts would otherwise leave it waiting for good
          ScheduledFuture<?> wake = watchdog.scheduleWithFixedDelay(() -> poke(folder), idleMillis, idleMillis,
              TimeUnit.MILLISECONDS);
          try {
            folder.idle(true); // returns on the next change, or when poke() uses the folder
          } finally {
            wake.cancel(false);
          }
        } else {
          sleep(settings.pollEvery().toMillis());
          folder.getMessageCount(); // a NOOP: the server reports new mail, and a dead connection fails here
        }
      }
    } finally {
      open = null;
      if (folder.isOpen()) {
        folder.close(false);
      }
    }
  }

  /** Stores every message above the checkpoint, in UID order, advancing the checkpoint as they are stored. */
  void readNew(IMAPFolder folder) throws MessagingException, IOException {
    long uidValidity = folder.getUIDValidity();
    Checkpoint checkpoint = checkpoints.load(settings.mailboxKey())
        .filter(c -> c.uidValidity() == uidValidity)
        .orElseGet(() -> {
          if (uidValidity != announcedValidity) { // said once: an empty folder is asked again at every wake-up
            log.info("{}: no checkpoint for UIDVALIDITY {}, reading the whole folder", settings.mailboxKey(),
                uidValidity);
            announcedValidity = uidValidity;
          }
          return new Checkpoint(uidValidity, 0);
        });
    Progress progress = new Progress(uidValidity, checkpoint.lastUid());
    try {
      while (running) {
        List<Message> pending = new ArrayList<>();
        for (Message message : folder.getMessagesByUID(progress.lastUid + 1, UIDFolder.MAXUID)) {
          // "n:*" always returns the newest message, even when it is older than n
          if (folder.getUID(message) > progress.lastUid) {
            pending.add(message);
          }
        }
        if (pending.isEmpty()) {
          return; // asked again after every round: what arrived meanwhile is not left for the next wake-up
        }
        for (int from = 0; running && from < pending.size(); from += WholeMessages.BATCH) {
          List<Message> batch = pending.subList(from, Math.min(pending.size(), from + WholeMessages.BATCH));
          WholeMessages.forEach(folder, batch, (message, raw) -> {
            if (running) {
              long uid = folder.getUID(message);
              store(message, raw, uid);
              progress.stored(uid);
            }
          });
        }
      }
    } finally {
      progress.save();
    }
  }

  /**
   * Hands one message to the pipeline: {@code raw} is its content when fetched with its chunk, or null to fetch it
   * now. A failure is thrown, to be retried after reconnecting, unless it is the message's own for the
   * {@link #ATTEMPTS_PER_MESSAGE}th time in a row: then the message is quarantined (it stays in the mailbox) so that
   * it holds up nothing after it.
   */
  private void store(Message message, byte[] raw, long uid) throws MessagingException, IOException {
    String source = settings.mailboxKey() + "#" + uid;
    RawMail mail = null;
    try {
      mail = raw != null ? RawMail.of(raw) : fetchNow(message);
      pipeline.ingest(mail, source);
    } catch (MessagingException | IOException | RuntimeException e) {
      if (connectionLost(e) || !attemptsUsedUp(uid)) {
        throw e;
      }
      String step = mail == null ? "fetching from IMAP" : "storing";
      log.error("{}: {} failed {} times; quarantining it", source, step, ATTEMPTS_PER_MESSAGE, e);
      pipeline.quarantine(mail, source, step + " failed " + ATTEMPTS_PER_MESSAGE + " times; last error: " + e);
    } finally {
      if (mail != null) {
        mail.discard();
      }
    }
    if (uid == failingUid) {
      failingUid = -1;
    }
  }

  /** A message fetched now, alone (a big one): written into a spool as the server sends it. */
  private static RawMail fetchNow(Message message) throws MessagingException, IOException {
    try (RawMail.Spool spool = new RawMail.Spool(Long.MAX_VALUE)) {
      message.writeTo(spool);
      return spool.done();
    }
  }

  private boolean attemptsUsedUp(long uid) {
    if (uid != failingUid) {
      failingUid = uid;
      failures = 0;
    }
    return ++failures >= ATTEMPTS_PER_MESSAGE;
  }

  /**
   * The last UID stored, and the checkpoint saved of it: saved every {@link #CHECKPOINT_EVERY_MAILS} mails or
   * {@link #CHECKPOINT_EVERY_MILLIS} ms, and when the read ends (also by a failure).
   */
  private final class Progress {
    private final long uidValidity;
    private long lastUid;
    private long savedUid;
    private int unsaved;
    private long savedAt = System.nanoTime();

    Progress(long uidValidity, long lastUid) {
      this.uidValidity = uidValidity;
      this.lastUid = lastUid;
      this.savedUid = lastUid;
    }

    void stored(long uid) {
      lastUid = uid;
      if (++unsaved >= CHECKPOINT_EVERY_MAILS
          || System.nanoTime() - savedAt >= TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_EVERY_MILLIS)) {
        save();
      }
    }

    void save() {
      if (lastUid != savedUid && !fencedOut) {
        if (!checkpoints.save(settings.mailboxKey(), new Checkpoint(uidValidity, lastUid), epoch)) {
          fencedOut = true;
          running = false;
          log.warn("{}: checkpoint at UID {} refused, a newer lease holder than epoch {} reads this mailbox;"
              + " stopping", settings.mailboxKey(), lastUid, epoch);
          return;
        }
        savedUid = lastUid;
      }
      unsaved = 0;
      savedAt = System.nanoTime();
    }
  }

  /** A failure of the way to the mail server or the database rather than of the message. */
  static boolean connectionLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FolderClosedException || t instanceof StoreClosedException
          || t instanceof org.eclipse.angus.mail.iap.ConnectionException || t instanceof java.net.SocketException
          || t instanceof java.net.SocketTimeoutException || t instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** True once a newer lease holder's checkpoint refused this poller's: it has stopped reading. */
  public boolean fencedOut() {
    return fencedOut;
  }

  private void poke(IMAPFolder folder) {
    try {
      folder.getMessageCount();
    } catch (MessagingException | RuntimeException e) {
      log.debug("ending IDLE failed; the connection will be re-established", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    IMAPFolder folder = open;
    if (folder != null) {
      poke(folder);
    }
    try {
      if (reading) {
        // the mails fetched so far are stored and the checkpoint saved: an interrupt would cut the database calls
        thread.join(CLOSE_GRACE_MILLIS);
      }
      thread.interrupt();
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.shutdownNow();
  }
}
