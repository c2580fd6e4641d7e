package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import io.claimdesk.core.session.SessionStore;
import io.claimdesk.core.session.WebSession;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** Dashboard sessions in {@code web_sessions}, keyed by the hash of the cookie value. */
final class MongoSessionStore implements SessionStore {
  private final MongoCollection<Document> sessions;

  public MongoSessionStore(MongoDatabase db) {
    this.sessions = db.getCollection("web_sessions");
  }

  /** A TTL index lets a real MongoDB drop expired sessions by itself; {@link #deleteExpired} covers the rest. */
  void createIndexes() {
    sessions.createIndex(Indexes.ascending("expiresAt"),
        new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS));
  }

  @Override
  public void insert(WebSession session) {
    sessions.insertOne(new Document("_id", session.id())
        .append("memberId", session.memberId())
        .append("csrfToken", session.csrfToken())
        .append("createdAt", Date.from(session.createdAt()))
        .append("expiresAt", Date.from(session.expiresAt())));
  }

  @Override
  public Optional<WebSession> find(String id) {
    Document doc = sessions.find(eq("_id", id)).first();
    return Optional.ofNullable(doc).map(d -> new WebSession(d.getString("_id"), d.getString("memberId"),
        d.getString("csrfToken"), Docs.instant(d, "createdAt"), Docs.instant(d, "expiresAt"), d.getString("flash")));
  }

  @Override
  public void extend(String id, Instant expiresAt) {
    sessions.updateOne(eq("_id", id), new Document("$set", new Document("expiresAt", Date.from(expiresAt))));
  }

  @Override
  public void putFlash(String id, String message) {
    sessions.updateOne(eq("_id", id), new Document("$set", new Document("flash", message)));
  }

  @Override
  public Optional<String> takeFlash(String id) {
    Document before = sessions.findOneAndUpdate(eq("_id", id),
        new Document("$unset", new Document("flash", "")),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    return Optional.ofNullable(before).map(d -> d.getString("flash"));
  }

  @Override
  public void delete(String id) {
    sessions.deleteOne(eq("_id", id));
  }

  @Override
  public long deleteByMember(String memberId, String keepId) {
    return sessions.deleteMany(keepId == null ? eq("memberId", memberId)
        : and(eq("memberId", memberId), ne("_id", keepId))).getDeletedCount();
  }

  @Override
  public long deleteExpired(Instant now) {
    return sessions.deleteMany(lt("expiresAt", Date.from(now))).getDeletedCount();
  }
}
