package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.assignment.PickLog;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The last pick of each member in {@code assignment_picks} ({@code _id} the member id, {@code seq} the pick number),
 * numbered by the counter document {@code _id: "~seq"} of the same collection, raised atomically by each pick.
 */
final class MongoPickLog implements PickLog {
  private static final String COUNTER = "~seq";
  private final MongoCollection<Document> picks;

  MongoPickLog(MongoDatabase db) {
    this.picks = db.getCollection("assignment_picks");
  }

  @Override
  public void picked(String memberId) {
    Document counter = picks.findOneAndUpdate(eq("_id", COUNTER), Updates.inc("seq", 1L),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    long seq = Docs.longValue(counter, "seq");
    // a later pick by another instance may land first: keep the higher number
    picks.updateOne(eq("_id", memberId), Updates.max("seq", seq), new UpdateOptions().upsert(true));
  }

  @Override
  public Map<String, Long> lastPicks() {
    Map<String, Long> result = new HashMap<>();
    picks.find(ne("_id", COUNTER)).forEach(d -> result.put(d.getString("_id"), Docs.longValue(d, "seq")));
    return result;
  }
}
