package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.claimdesk.core.session.LoginThrottle;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Failed sign-in times in {@code login_failures}: one document per key ((account, client) pair or client) with
 * its latest times and a version. A replacement matches the version it read, so that of two attempts racing on
 * one key exactly one is written and the other reads again. Versions are random, not counted: a document deleted
 * and created again never shows a version a stale reader still holds.
 */
final class MongoLoginFailures implements LoginThrottle.FailureStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final MongoCollection<Document> failures;

  MongoLoginFailures(MongoDatabase db) {
    this.failures = db.getCollection("login_failures");
  }

  @Override
  public LoginThrottle.Failures read(String key) {
    Document doc = failures.find(eq("_id", key)).first();
    if (doc == null) {
      return LoginThrottle.Failures.NONE;
    }
    List<Instant> times = doc.getList("times", Date.class, List.of()).stream().map(Date::toInstant).toList();
    return new LoginThrottle.Failures(times, doc.getLong("v"));
  }

  @Override
  public boolean replace(String key, long version, List<Instant> times) {
    List<Date> dates = times.stream().map(Date::from).toList();
    long next = nextVersion();
    if (version == 0) {
      try {
        failures.insertOne(new Document("_id", key).append("times", dates).append("v", next));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          return false;
        }
        throw e;
      }
    }
    return failures.updateOne(and(eq("_id", key), eq("v", version)),
        new Document("$set", new Document("times", dates).append("v", next))).getMatchedCount() == 1;
  }

  @Override
  public void clear(String key) {
    failures.deleteOne(eq("_id", key));
  }

  @Override
  public long forgetBefore(Instant cutoff) {
    // no time at or after the cutoff: every time before it, or none at all
    return failures.deleteMany(Filters.not(Filters.gte("times", Date.from(cutoff)))).getDeletedCount();
  }

  private static long nextVersion() {
    long v;
    do {
      v = RANDOM.nextLong();
    } while (v == 0);
    return v;
  }
}
