package io.claimdesk.core.mongo;

import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.chat.DeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * {@code chat_deliveries}: one document per handled delivery, the key as {@code _id}, so that a unique insert
 * decides atomically (also across instances) who handles it. Entries older than a day are pruned now and then:
 * chat tools retry within minutes.
 */
public final class MongoDeliveryLog implements DeliveryLog {
  private static final Duration KEEP = Duration.ofDays(1);
  private static final int PRUNE_EVERY = 500;

  private final MongoCollection<Document> deliveries;
  private final Clock clock;
  private final AtomicInteger uses = new AtomicInteger();

  public MongoDeliveryLog(MongoDatabase db, Clock clock) {
    this.deliveries = db.getCollection("chat_deliveries");
    this.clock = clock;
  }

  @Override
  public boolean firstDelivery(String key) {
    if (uses.incrementAndGet() % PRUNE_EVERY == 0) {
      deliveries.deleteMany(lt("at", Docs.date(clock.instant().minus(KEEP))));
    }
    try {
      deliveries.insertOne(new Document("_id", key).append("at", Docs.date(clock.instant())));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }
}
