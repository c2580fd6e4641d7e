package io.claimdesk.mail.imap;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.StoreUnavailableException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * only over messages durably stored: the {@code \Seen} flag is never read or changed (the folder is opened
 * read-only), so mail someone already read in their mail client is ingested too. Messages are fetched whole in
 * batches ({@link WholeMessages}) and stored a group at a time by {@link MailGroups#STORERS} threads, a reply after
 * the mail it answers; their writes become durable with the journaled checkpoint, saved after each group and when a
 * read ends. A new UIDVALIDITY means the UIDs were renumbered: the folder is read again from the
 * start and the Message-ID index drops what is already stored. Waits with IDLE when the server offers it (ended and
 * re-issued after {@code idleFor} or {@code pollEvery}, whichever is shorter, so that a server whose IDLE never
 * reports still gets polled), polls otherwise, and reconnects with backoff after any failure: the poller thread
 * only ends when closed. A message that fails again and again is quarantined rather than retried forever.
 */
public final class ImapMailboxPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapMailboxPoller.class);
  /**
   * Raw mail of the groups being stored while the next mails are fetched, at most (beyond the oldest group): a whole
   * FETCH chunk and then some, so that the next chunk is fetched while the storers work through the last one.
   */
  private static final long IN_FLIGHT_BYTES = 12L * 1024 * 1024;
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
  private final MailGroups groups;
  private volatile boolean running = true;
  private volatile boolean reading;
  private volatile IMAPFolder open;
  private long announcedValidity = -1;

  public ImapMailboxPoller(ImapSettings settings, IngestPipeline pipeline, MailboxCheckpoints checkpoints) {
    this.settings = settings;
    this.checkpoints = checkpoints;
    this.groups = new MailGroups(pipeline, settings.mailboxKey());
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

  /** Stores every message above the checkpoint, in UID order, advancing the checkpoint after each. */
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
    MailGroups.Storing storing = new MailGroups.Storing();
    Deque<MailGroups.Group> inFlight = new ArrayDeque<>();
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
          List<MailGroups.Fetched> group = new ArrayList<>();
          try {
            List<Message> batch = pending.subList(from, Math.min(pending.size(), from + WholeMessages.BATCH));
            WholeMessages.forEach(folder, batch, (m, raw) -> {
              if (running) {
                group.add(groups.fetch(m, raw, folder.getUID(m)));
                if (MailGroups.full(group)) {
                  handOver(inFlight, group, progress, storing);
                  group.clear();
                }
              }
            });
            if (!group.isEmpty()) {
              handOver(inFlight, group, progress, storing);
              group.clear();
            }
          } finally {
            MailGroups.delete(group); // fetched, then the connection failed: never stored
          }
        }
        while (!inFlight.isEmpty()) {
          finishOldest(inFlight, progress, storing);
        }
      }
    } finally {
      for (MailGroups.Group unfinished : inFlight) {
        unfinished.abandon(); // a failure came first; what it stored is found again after the checkpoint
      }
      progress.save();
    }
  }

  /**
   * Starts storing {@code group}, then finishes the oldest groups until at most {@link #IN_FLIGHT_BYTES} are being
   * stored: the next mails are fetched while earlier ones are stored, so that the storers have work while the
   * server answers a FETCH.
   */
  private void handOver(Deque<MailGroups.Group> inFlight, List<MailGroups.Fetched> group, Progress progress,
      MailGroups.Storing storing) throws MessagingException, IOException {
    inFlight.addLast(groups.store(group, storing));
    while (inFlight.size() > 1 && inFlight.stream().mapToLong(MailGroups.Group::bytes).sum() > IN_FLIGHT_BYTES) {
      finishOldest(inFlight, progress, storing);
    }
  }

  /** Waits for the oldest group, then saves the checkpoint past it; on failure the group stays, to be abandoned. */
  private static void finishOldest(Deque<MailGroups.Group> inFlight, Progress progress, MailGroups.Storing storing)
      throws MessagingException, IOException {
    inFlight.peekFirst().finish(progress::stored, storing);
    inFlight.removeFirst();
    progress.save();
  }

  /**
   * Mails stored since the last checkpoint. Their writes are deferred: the checkpoint, saved journaled after each
   * group (a group's mails are marked stored together) and after the last mail (also when a later mail failed),
   * makes them durable with it: one commit per group rather than one per hundred mails, each a rewrite of the
   * database pages changed since the last. After a crash the mails since the checkpoint are read again and stored
   * where they are not.
   */
  private final class Progress {
    private final long uidValidity;
    private long lastUid;
    private long savedUid;

    Progress(long uidValidity, long lastUid) {
      this.uidValidity = uidValidity;
      this.lastUid = lastUid;
      this.savedUid = lastUid;
    }

    void stored(long uid) {
      lastUid = uid;
    }

    void save() {
      if (lastUid != savedUid) {
        checkpoints.save(settings.mailboxKey(), new Checkpoint(uidValidity, lastUid));
        savedUid = lastUid;
      }
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
    groups.close();
  }
}
