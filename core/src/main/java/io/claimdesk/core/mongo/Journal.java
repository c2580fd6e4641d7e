package io.claimdesk.core.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import io.claimdesk.core.mail.DeferredWrites;

/**
 * Write concern {@code j: false} for the writes a {@link DeferredWrites} job makes in this thread, and
 * {@code j: true} for the write that closes it. On MongoDB a journaled write returns once the journal holds it and
 * every write before it; the embedded server commits all pending writes for it.
 */
public final class Journal implements DeferredWrites {
  private static final ThreadLocal<Boolean> DEFERRED = ThreadLocal.withInitial(() -> false);

  @Override
  public <T, E extends Exception> T run(Job<T, E> job) throws E {
    boolean outer = DEFERRED.get();
    DEFERRED.set(true);
    try {
      return job.run();
    } finally {
      DEFERRED.set(outer);
    }
  }

  /** The collection to write to: unjournaled inside a job, as configured outside. */
  static <T> MongoCollection<T> writes(MongoCollection<T> collection) {
    return DEFERRED.get() ? collection.withWriteConcern(collection.getWriteConcern().withJournal(false))
        : collection;
  }

  static GridFSBucket writes(GridFSBucket bucket) {
    return DEFERRED.get() ? bucket.withWriteConcern(bucket.getWriteConcern().withJournal(false)) : bucket;
  }

  /** The collection for a write that must be on disk, with everything before it, when it returns. */
  static <T> MongoCollection<T> journaled(MongoCollection<T> collection) {
    return collection.withWriteConcern(collection.getWriteConcern().withJournal(true));
  }
}
