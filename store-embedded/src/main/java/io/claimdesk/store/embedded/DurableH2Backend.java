package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 backend with MongoDB's journaling contract. A write is committed to the file before its reply leaves the
 * server (out of the box H2 keeps up to a second of writes in memory, lost with a killed process), except a write
 * that asks for write concern {@code j: false} explicitly: that one is acknowledged once applied and committed with
 * the next commit, at most {@link #FLUSH_MILLIS} later, as mongod's journal does. A job of several steps writes
 * them unjournaled and makes them all durable with its last, journaled, write: one commit instead of one per step.
 *
 * <p>Commands run under a shared lock and a commit takes it exclusively, so a commit never holds half a command
 * (a document without its index entry). Concurrent writers share commits (group commit, {@link #commitFor}). The
 * flusher also compacts the file now and then, since H2's own background writer (which would commit outside that
 * lock) is off.
 */
final class DurableH2Backend extends H2Backend {
  private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);
  static final long FLUSH_MILLIS = 100;
  private static final long GATHER_NANOS = 1_000_000;
  private static final long COMPACT_EVERY_FLUSHES = 600; // a minute
  private static final int COMPACT_BELOW_FILL_PERCENT = 60;
  private static final int COMPACT_WRITE_BYTES = 16 * 1024 * 1024;

  private final MVStore store;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "claimdesk-embedded-flush");
    t.setDaemon(true);
    return t;
  });
  private long flushes;
  private final AtomicLong commits = new AtomicLong();
  /** Journaled writes applied so far, and how many of them are committed; the latter guarded by {@link #group}. */
  private final AtomicLong journaledWrites = new AtomicLong();
  private final Object group = new Object();
  private long committedWrites;
  private boolean committing;

  DurableH2Backend(MVStore store) {
    super(store);
    this.store = store;
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Called from H2Backend's constructor too, for the databases already in the file: uses no field of this class. */
  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new EmbeddedDatabase(databaseName, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    lock.readLock().lock();
    try {
      return Batches.run(command, query, (name, body) -> super.handleCommand(channel, databaseName, name, body));
    } finally {
      lock.readLock().unlock();
      // also after a failed command, which may have applied part of its writes
      if (!reads(command, query) && !unjournaled(query)) {
        commitFor(journaledWrites.incrementAndGet());
      }
    }
  }

  /** Commands that never write: they leave other commands' unjournaled writes to the flusher. */
  private static final Set<String> READS = Set.of("find", "getMore", "count", "distinct", "listCollections",
      "listIndexes", "listDatabases", "ping", "hello", "isMaster", "ismaster", "buildInfo", "buildinfo",
      "killCursors", "endSessions", "serverStatus", "dbStats", "collStats", "getParameter", "hostInfo",
      "connectionStatus", "whatsmyuri", "getLastError", "getlasterror");

  /** Commands that write nothing, so commit nothing; an aggregation writes only with {@code $out} or {@code $merge}. */
  static boolean reads(String command, Document query) {
    if (READS.contains(command)) {
      return true;
    }
    if (!"aggregate".equals(command) || !(query.get("pipeline") instanceof List<?> stages)) {
      return false;
    }
    return stages.stream().noneMatch(stage -> stage instanceof Document d && (d.containsKey("$out")
        || d.containsKey("$merge")));
  }

  /** True for write concern {@code j: false} given explicitly; no write concern means journaled, as before. */
  static boolean unjournaled(Document command) {
    return command.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
  }

  /**
   * Group commit: returns once a commit that began after the write numbered {@code write} (counted once applied)
   * is done. One writer at a time leads a commit, for every write counted by then; the others wait for it, or lead
   * the next. While other commands are running the leader first gives them a moment to finish, so that writers
   * arriving together share one commit instead of queueing for one each.
   */
  private void commitFor(long write) {
    synchronized (group) {
      while (committedWrites < write) {
        if (!committing) {
          committing = true;
          break;
        }
        try {
          group.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a commit", e);
        }
      }
      if (committedWrites >= write) {
        return;
      }
    }
    long through = -1;
    try {
      if (lock.getReadLockCount() > 0) {
        LockSupport.parkNanos(GATHER_NANOS);
      }
      lock.writeLock().lock();
      try {
        long counted = journaledWrites.get(); // each counted once applied, and no command runs now
        commitPending();
        through = counted;
      } finally {
        lock.writeLock().unlock();
      }
    } finally {
      synchronized (group) {
        committing = false;
        committedWrites = Math.max(committedWrites, through); // unchanged when the commit failed
        group.notifyAll();
      }
    }
  }

  private void commitIfDirty() {
    if (!store.hasUnsavedChanges()) {
      return;
    }
    lock.writeLock().lock();
    try {
      commitPending();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Under the write lock: commits what the commands so far changed, if anything. */
  private void commitPending() {
    if (store.hasUnsavedChanges()) {
      commit();
      commits.incrementAndGet();
    }
  }

  /** Commits made so far (for tests). */
  long commits() {
    return commits.get();
  }

  private void flush() {
    try {
      commitIfDirty();
      if (++flushes % COMPACT_EVERY_FLUSHES == 0) {
        compact();
      }
    } catch (RuntimeException e) {
      if (!store.isClosed()) {
        log.error("embedded database: background commit failed (it is retried)", e);
      }
    }
  }

  /** Rewrites the live pages of mostly-empty chunks so that their space is reused: the file stops growing. */
  private void compact() {
    lock.writeLock().lock();
    try {
      if (store.getFillRate() < COMPACT_BELOW_FILL_PERCENT) {
        store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.writeLock().lock();
    try {
      super.close();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
