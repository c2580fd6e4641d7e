package io.claimdesk.store.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import io.claimdesk.core.mail.DeferredWrites;

/**
 * Write concern {@code j: false} for the writes a {@link DeferredWrites} job makes in this thread, and
 * {@code j: true} for the write that closes it. On MongoDB a journaled write returns once the journal holds it and
 * every write before it; the embedded server commits all pending writes for it.
 */
public final class Journal implements DeferredWrites {
  /** How this thread's writes go: as configured, steps deferred, or all deferred. */
  private enum Scope { NONE, STEPS, ALL }

  private static final ThreadLocal<Scope> SCOPE = ThreadLocal.withInitial(() -> Scope.NONE);

  @Override
  public <T, E extends Exception> T run(Job<T, E> job) throws E {
    return in(SCOPE.get() == Scope.ALL ? Scope.ALL : Scope.STEPS, job);
  }

  @Override
  public <T, E extends Exception> T runAll(Job<T, E> job) throws E {
    return in(Scope.ALL, job);
  }

  private static <T, E extends Exception> T in(Scope scope, Job<T, E> job) throws E {
    Scope outer = SCOPE.get();
    SCOPE.set(scope);
    try {
      return job.run();
    } finally {
      SCOPE.set(outer);
    }
  }

  /** The collection to write to: unjournaled inside a job, as configured outside. */
  static <T> MongoCollection<T> writes(MongoCollection<T> collection) {
    return SCOPE.get() != Scope.NONE ? unjournaled(collection) : collection;
  }

  static GridFSBucket writes(GridFSBucket bucket) {
    return SCOPE.get() != Scope.NONE ? bucket.withWriteConcern(bucket.getWriteConcern().withJournal(false)) : bucket;
  }

  /**
   * The collection for a write that must be on disk, with everything before it, when it returns; unjournaled
   * inside {@link #runAll}, whose caller takes that over.
   */
  static <T> MongoCollection<T> journaled(MongoCollection<T> collection) {
    return SCOPE.get() == Scope.ALL ? unjournaled(collection)
        : collection.withWriteConcern(collection.getWriteConcern().withJournal(true));
  }

  /**
   * The collection for writes that the start of claimdesk rebuilds from durable data when a crash loses them (the
   * outbox, from the events each ticket keeps): never journaled. A later journaled write makes them durable too.
   */
  static <T> MongoCollection<T> rebuildable(MongoCollection<T> collection) {
    return unjournaled(collection);
  }

  private static <T> MongoCollection<T> unjournaled(MongoCollection<T> collection) {
    return collection.withWriteConcern(collection.getWriteConcern().withJournal(false));
  }
}
