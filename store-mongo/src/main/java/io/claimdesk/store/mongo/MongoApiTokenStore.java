package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.team.ApiToken;
import io.claimdesk.core.team.ApiTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * API tokens in {@code api_tokens}: an ObjectId as the id shown to users, and the token's SHA-256 in {@code hash}
 * under a unique index, so that a look-up by hash is one indexed read on MongoDB and on the embedded server alike.
 */
final class MongoApiTokenStore implements ApiTokenStore {
  /** The name of a token moved here from the single token of earlier versions. */
  static final String LEGACY_NAME = "API token (before 0.2)";
  /** How long such a token keeps working after the first start that moves it. */
  static final Duration LEGACY_LIFETIME = Duration.ofDays(90);

  private final MongoCollection<Document> tokens;
  private final MongoCollection<Document> members;
  private final Clock clock;

  MongoApiTokenStore(MongoDatabase db, Clock clock) {
    this.tokens = db.getCollection("api_tokens");
    this.members = db.getCollection("team_members");
    this.clock = clock;
  }

  void createIndexes() {
    tokens.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true).name("hash"));
  }

  /**
   * Moves each member's single token of earlier versions ({@code apiTokenHash} on {@code team_members}) into
   * {@code api_tokens}, expiring {@link #LEGACY_LIFETIME} from now, then clears the old field. The insert comes first
   * and a hash already moved is skipped, so a crash in between or two instances starting at once move each token
   * once.
   */
  void moveLegacyTokens() {
    Instant now = clock.instant();
    for (Document member : members.find(exists("apiTokenHash", true))) {
      Object hash = member.get("apiTokenHash");
      if (hash instanceof String text && !text.isBlank()) {
        insertOnce(Ids.hex(member.get("_id")), text, now, now.plus(LEGACY_LIFETIME));
      }
      members.updateOne(eq("_id", member.get("_id")), Updates.unset("apiTokenHash"));
    }
  }

  private void insertOnce(String memberId, String hash, Instant now, Instant expiresAt) {
    try {
      insert(memberId, LEGACY_NAME, hash, now, expiresAt);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }

  @Override
  public ApiToken insert(String memberId, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
    Document doc = new Document("_id", new ObjectId())
        .append("memberId", memberId)
        .append("name", name)
        .append("hash", tokenHash)
        .append("createdAt", Docs.date(createdAt))
        .append("expiresAt", Docs.date(expiresAt));
    tokens.insertOne(doc);
    return token(doc);
  }

  @Override
  public Optional<ApiToken> findByHash(String tokenHash) {
    return Optional.ofNullable(tokens.find(eq("hash", tokenHash)).first()).map(MongoApiTokenStore::token);
  }

  @Override
  public List<ApiToken> byMember(String memberId) {
    List<ApiToken> result = new ArrayList<>();
    tokens.find(eq("memberId", memberId)).sort(Sorts.ascending("createdAt", "_id"))
        .forEach(doc -> result.add(token(doc)));
    return result;
  }

  @Override
  public boolean revoke(String memberId, String tokenId) {
    return Ids.parse(tokenId)
        .map(id -> tokens.deleteOne(and(eq("_id", id), eq("memberId", memberId))).getDeletedCount() == 1)
        .orElse(false);
  }

  @Override
  public long revokeAll(String memberId) {
    return tokens.deleteMany(eq("memberId", memberId)).getDeletedCount();
  }

  @Override
  public boolean touch(String tokenId, Instant usedAt, Instant staleBefore) {
    return Ids.parse(tokenId)
        .map(id -> tokens.updateOne(and(eq("_id", id),
                or(exists("lastUsedAt", false), lt("lastUsedAt", Docs.date(staleBefore)))),
            Updates.set("lastUsedAt", Docs.date(usedAt))).getModifiedCount() == 1)
        .orElse(false);
  }

  private static ApiToken token(Document doc) {
    return new ApiToken(Ids.hex(doc.get("_id")), doc.getString("memberId"), doc.getString("name"),
        Docs.instant(doc, "createdAt"), Docs.instant(doc, "expiresAt"), Docs.instant(doc, "lastUsedAt"));
  }
}
