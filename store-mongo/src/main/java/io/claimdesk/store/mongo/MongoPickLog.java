package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.assignment.PickLog;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The last pick of each member in {@code assignment_picks} ({@code _id} the member id, {@code seq} the pick number),
 * numbered by the counter document {@code _id: "~seq"} of the same collection, raised by compare-and-set.
 */
final class MongoPickLog implements PickLog {
  private static final String COUNTER = "~seq";
  private final MongoCollection<Document> picks;

  MongoPickLog(MongoDatabase db) {
    this.picks = db.getCollection("assignment_picks");
  }

  /** Creates the counter up front, so that picks never race to create it. */
  void createCounter() {
    picks.updateOne(eq("_id", COUNTER), Updates.setOnInsert("seq", 0L), new UpdateOptions().upsert(true));
  }

  @Override
  public void picked(String memberId) {
    long seq = nextNumber();
    // a later pick by another instance may land first: keep the higher number
    picks.updateOne(eq("_id", memberId), Updates.max("seq", seq), new UpdateOptions().upsert(true));
  }

  /**
   * The next pick number, by compare-and-set on the number read: an {@code $inc} is not atomic on the embedded
   * server (racing picks were seen to share a number), a filter on the value read is.
   */
  private long nextNumber() {
    while (true) {
      Document counter = picks.find(eq("_id", COUNTER)).first();
      if (counter == null) {
        throw new IllegalStateException("the pick counter is missing; MongoStores.assignment creates it");
      }
      long current = Docs.longValue(counter, "seq");
      if (picks.updateOne(and(eq("_id", COUNTER), eq("seq", current)), Updates.set("seq", current + 1))
          .getModifiedCount() == 1) {
        return current + 1;
      }
    }
  }

  @Override
  public Map<String, Long> lastPicks() {
    Map<String, Long> result = new HashMap<>();
    picks.find(ne("_id", COUNTER)).forEach(d -> result.put(d.getString("_id"), Docs.longValue(d, "seq")));
    return result;
  }
}
