package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import io.claimdesk.core.session.LoginThrottle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Failed login times in {@code login_failures}: one document per account or address, latest times only. */
final class MongoLoginFailures implements LoginThrottle.FailureStore {
  private final MongoCollection<Document> failures;

  public MongoLoginFailures(MongoDatabase db) {
    this.failures = db.getCollection("login_failures");
  }

  /**
   * Creates the key's document first (an upsert racing another on a missing document is not one atomic step on
   * every server), then pushes and reads the document as it was just before: those times plus this one are exactly
   * what this attempt counts against, whatever other attempts do at the same moment.
   */
  @Override
  public List<Instant> record(String key, Instant at, int keep) {
    try {
      failures.updateOne(eq("_id", key), new Document("$setOnInsert", new Document("times", List.of())),
          new UpdateOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    Document push = new Document("times", new Document("$each", List.of(Date.from(at))).append("$slice", -keep));
    Document before = failures.findOneAndUpdate(eq("_id", key), new Document("$push", push),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    List<Instant> times = new ArrayList<>(times(before));
    times.add(at);
    return times.size() > keep ? times.subList(times.size() - keep, times.size()) : times;
  }

  @Override
  public List<Instant> read(String key) {
    return times(failures.find(eq("_id", key)).first());
  }

  @Override
  public void clear(String key) {
    failures.deleteOne(eq("_id", key));
  }

  private static List<Instant> times(Document doc) {
    if (doc == null) {
      return List.of();
    }
    return doc.getList("times", Date.class, List.of()).stream().map(Date::toInstant).toList();
  }
}
