package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.claimdesk.core.team.LinkTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * {@code link_tokens}: one document per unused link token, its SHA-256 as {@code _id}. A token is used up by one
 * {@code findOneAndDelete} that also requires it unexpired, so of several instances redeeming it at once one gets
 * it. A TTL index lets a real MongoDB drop expired tokens; each insert also deletes the expired ones (the embedded
 * server has no TTL monitor).
 */
final class MongoLinkTokenStore implements LinkTokenStore {
  private final MongoCollection<Document> tokens;
  private final Clock clock;

  MongoLinkTokenStore(MongoDatabase db, Clock clock) {
    this.tokens = db.getCollection("link_tokens");
    this.clock = clock;
  }

  void createIndexes() {
    tokens.createIndex(Indexes.ascending("expiresAt"),
        new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS));
  }

  @Override
  public void insert(String tokenHash, String subject, Instant expiresAt) {
    Instant now = clock.instant();
    tokens.deleteMany(lte("expiresAt", Docs.date(now)));
    tokens.insertOne(new Document("_id", tokenHash).append("subject", subject)
        .append("createdAt", Docs.date(now)).append("expiresAt", Docs.date(expiresAt)));
  }

  @Override
  public Optional<String> peek(String tokenHash) {
    return Optional.ofNullable(tokens.find(live(tokenHash)).first()).map(d -> d.getString("subject"));
  }

  @Override
  public Optional<String> take(String tokenHash) {
    return Optional.ofNullable(tokens.findOneAndDelete(live(tokenHash))).map(d -> d.getString("subject"));
  }

  private org.bson.conversions.Bson live(String tokenHash) {
    return and(eq("_id", tokenHash), gt("expiresAt", Docs.date(clock.instant())));
  }
}
