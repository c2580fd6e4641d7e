package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * Keys that can be taken once: the key is the {@code _id}, so a unique insert decides atomically (also across
 * instances) who was first. Keys older than a day are pruned now and then; the senders that use them (webhooks,
 * chat tools) retry within minutes.
 */
final class OnceKeys {
  private static final Duration KEEP = Duration.ofDays(1);
  private static final int PRUNE_EVERY = 500;

  private final MongoCollection<Document> keys;
  private final Clock clock;
  private final AtomicInteger uses = new AtomicInteger();

  OnceKeys(MongoCollection<Document> keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Takes the key, storing {@code fields} beside it; false when it was taken before. */
  boolean take(String key, Document fields) {
    if (uses.incrementAndGet() % PRUNE_EVERY == 0) {
      keys.deleteMany(lt("at", Docs.date(clock.instant().minus(KEEP))));
    }
    try {
      Document taken = new Document("_id", key).append("at", Docs.date(clock.instant()));
      taken.putAll(fields);
      keys.insertOne(taken);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  /** The document of a taken key (its fields, {@code _id} and {@code at}), or null when it is not kept. */
  Document fields(String key) {
    return keys.find(eq("_id", key)).first();
  }
}
