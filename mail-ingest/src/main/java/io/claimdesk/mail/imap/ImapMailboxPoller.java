package io.claimdesk.mail.imap;

import io.claimdesk.core.mail.MailboxCheckpoints;
import io.claimdesk.core.mail.MailboxCheckpoints.Checkpoint;
import io.claimdesk.mail.ingest.IngestPipeline;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * only after each message is durably stored: the {@code \Seen} flag is never read or changed (the folder is opened
 * read-only), so mail someone already read in their mail client is ingested too. A new UIDVALIDITY means the
 * UIDs were renumbered: the folder is read again from the start and the Message-ID index drops what is already
 * stored. Waits with IDLE when the server offers it (ended and re-issued after {@code idleFor} or
 * {@code pollEvery}, whichever is shorter, so that a server whose IDLE never reports still gets polled), polls otherwise,
 * and reconnects with backoff after any failure: the poller thread only ends when closed. A message that fails
 * again and again is quarantined rather than retried forever.
 */
public final class ImapMailboxPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapMailboxPoller.class);
  private static final int FETCH_BATCH = 500;
  static final int ATTEMPTS_PER_MESSAGE = 5;
  private static final int CHECKPOINT_EVERY = 100;

  private final ImapSettings settings;
  private final IngestPipeline pipeline;
  private final MailboxCheckpoints checkpoints;
  private final Session session;
  private final Thread thread;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "claimdesk-imap-idle-watchdog");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean running = true;
  private volatile IMAPFolder open;
  private long failingUid = -1; // the poller thread's own
  private int failures;

  public ImapMailboxPoller(ImapSettings settings, IngestPipeline pipeline, MailboxCheckpoints checkpoints) {
    this.settings = settings;
    this.pipeline = pipeline;
    this.checkpoints = checkpoints;
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
        readNew(folder);
        if (idle) {
          // also ended after pollEvery: some servers (GreenMail among them) accept IDLE but never report new mail
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

  /** Stores every message above the checkpoint, in UID order, advancing the checkpoint after each. */
  void readNew(IMAPFolder folder) throws MessagingException, IOException {
    long uidValidity = folder.getUIDValidity();
    Checkpoint checkpoint = checkpoints.load(settings.mailboxKey())
        .filter(c -> c.uidValidity() == uidValidity)
        .orElseGet(() -> {
          log.info("{}: no checkpoint for UIDVALIDITY {}, reading the whole folder", settings.mailboxKey(), uidValidity);
          return new Checkpoint(uidValidity, 0);
        });
    long last = checkpoint.lastUid();
    while (running) {
      List<Message> batch = new ArrayList<>();
      for (Message message : folder.getMessagesByUID(last + 1, UIDFolder.MAXUID)) {
        // "n:*" always returns the newest message, even when it is older than n
        if (folder.getUID(message) > last && batch.size() < FETCH_BATCH) {
          batch.add(message);
        }
      }
      Progress progress = new Progress(uidValidity, last);
      try {
        WholeMessages.forEach(folder, batch, message -> {
          if (running) {
            long uid = folder.getUID(message);
            ingest(message, uid);
            progress.stored(uid);
          }
        });
      } finally {
        progress.save();
      }
      last = progress.lastUid;
      if (batch.size() < FETCH_BATCH) {
        return;
      }
    }
  }

  /**
   * Mails stored since the last checkpoint. Their writes are deferred: the checkpoint, saved journaled every
   * {@link #CHECKPOINT_EVERY} mails and after the last one (also when a later mail failed), makes them durable
   * with it. After a crash the mails since the checkpoint are read again and stored where they are not.
   */
  private final class Progress {
    private final long uidValidity;
    private long lastUid;
    private long savedUid;
    private int sinceSaved;

    Progress(long uidValidity, long lastUid) {
      this.uidValidity = uidValidity;
      this.lastUid = lastUid;
      this.savedUid = lastUid;
    }

    void stored(long uid) {
      lastUid = uid;
      if (++sinceSaved >= CHECKPOINT_EVERY) {
        save();
      }
    }

    void save() {
      if (lastUid != savedUid) {
        checkpoints.save(settings.mailboxKey(), new Checkpoint(uidValidity, lastUid));
        savedUid = lastUid;
        sinceSaved = 0;
      }
    }
  }

  /**
   * Fetches and stores one message. A failure that is the message's own (the server cannot produce it, storing it
   * fails) is retried with the reconnects; after {@link #ATTEMPTS_PER_MESSAGE} the message is quarantined with the
   * error, so that it holds up nothing after it, and stays in the mailbox. A lost connection, to the IMAP server or
   * to the database, says nothing about the message and is never counted.
   */
  private void ingest(Message message, long uid) throws MessagingException, IOException {
    String source = settings.mailboxKey() + "#" + uid;
    Path raw = Files.createTempFile("claimdesk-imap-", ".eml");
    boolean fetched = false;
    try {
      try (OutputStream out = Files.newOutputStream(raw)) {
        message.writeTo(out);
      }
      fetched = true;
      // durable with the next checkpoint (Progress)
      pipeline.deferringAll(() -> pipeline.ingest(raw, source));
      failingUid = -1;
    } catch (MessagingException | IOException | RuntimeException e) {
      if (connectionLost(e) || !attemptsUsedUp(uid)) {
        throw e;
      }
      log.error("{}: {} failed {} times; quarantining it", source, fetched ? "storing" : "fetching",
          ATTEMPTS_PER_MESSAGE, e);
      String error = (fetched ? "storing" : "fetching from IMAP") + " failed " + ATTEMPTS_PER_MESSAGE
          + " times; last error: " + e;
      Path kept = fetched ? raw : null;
      pipeline.deferringAll(() -> pipeline.quarantine(kept, source, error));
      failingUid = -1;
    } finally {
      Files.deleteIfExists(raw);
    }
  }

  private boolean attemptsUsedUp(long uid) {
    if (uid != failingUid) {
      failingUid = uid;
      failures = 0;
    }
    return ++failures >= ATTEMPTS_PER_MESSAGE;
  }

  /** A failure of the way to the mail server or the database rather than of the message. */
  static boolean connectionLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FolderClosedException || t instanceof StoreClosedException
          || t instanceof org.eclipse.angus.mail.iap.ConnectionException || t instanceof java.net.SocketException
          || t instanceof java.net.SocketTimeoutException || t instanceof com.mongodb.MongoSocketException
          || t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoNotPrimaryException
          || t instanceof com.mongodb.MongoInterruptedException) {
        return true;
      }
    }
    return false;
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
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.shutdownNow();
  }
}
