package io.claimdesk.core.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.claimdesk.core.session.LoginThrottle;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Failed login times in {@code login_failures}: one document per account or address, latest times only. */
public final class MongoLoginFailures implements LoginThrottle.FailureStore {
  private final MongoCollection<Document> failures;

  public MongoLoginFailures(MongoDatabase db) {
    this.failures = db.getCollection("login_failures");
  }

  @Override
  public List<Instant> record(String key, Instant at, int keep) {
    Document push = new Document("times", new Document("$each", List.of(Date.from(at))).append("$slice", -keep));
    Document after = failures.findOneAndUpdate(eq("_id", key), new Document("$push", push),
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return times(after);
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
