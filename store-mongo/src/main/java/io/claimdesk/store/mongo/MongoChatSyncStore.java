package io.claimdesk.store.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.claimdesk.core.chat.ChatMessageState;
import io.claimdesk.core.chat.ChatSyncStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * {@code chat_messages}: one document per target and ticket, {@code _id} = {@code target|threadId}. Filters put
 * {@code _id} first in a plain document, which the embedded server answers through its {@code _id} index. A free
 * lease has {@code leaseUntil} at the epoch rather than no field, so that one range condition finds it.
 */
final class MongoChatSyncStore implements ChatSyncStore {
  private static final Date FREE = new Date(0);
  private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

  private final MongoCollection<Document> states;

  public MongoChatSyncStore(MongoDatabase db) {
    this.states = db.getCollection("chat_messages");
  }

  void createIndexes() {
    states.createIndex(Indexes.ascending("target", "behind"), new IndexOptions().name("target_behind"));
    states.createIndex(Indexes.ascending("messageRef", "target"), new IndexOptions().name("message_target"));
  }

  @Override
  public void want(String target, Map<String, Long> versions) {
    if (versions.isEmpty()) {
      return;
    }
    List<WriteModel<Document>> writes = new ArrayList<>();
    versions.forEach((threadId, version) -> writes.add(new UpdateOneModel<>(
        new Document("_id", id(target, threadId)),
        new Document("$max", new Document("wantedVersion", version))
            .append("$set", new Document("behind", true))
            .append("$setOnInsert", new Document("target", target).append("threadId", threadId)
                .append("renderedVersion", 0L).append("leaseUntil", FREE)),
        new UpdateOptions().upsert(true))));
    states.bulkWrite(writes);
  }

  @Override
  public Optional<ChatMessageState> lease(String target, String threadId, String holder, Instant now, Duration ttl) {
    Document filter = new Document("_id", id(target, threadId))
        .append("leaseUntil", new Document("$lte", Date.from(now)));
    Document update = new Document("$set", new Document("leaseHolder", holder)
        .append("leaseUntil", Date.from(now.plus(ttl))));
    return Optional.ofNullable(states.findOneAndUpdate(filter, update, AFTER)).map(MongoChatSyncStore::state);
  }

  @Override
  public void posting(String target, String threadId, String holder, Instant at, String snippet) {
    states.updateOne(held(target, threadId, holder),
        new Document("$set", new Document("postingSince", Date.from(at)).append("snippet", snippet)));
  }

  @Override
  public void posted(String target, String threadId, String holder, String messageRef, long version,
      String fingerprint) {
    // recorded even if the lease was lost meanwhile: the message exists, and forgetting it would post it again
    states.updateOne(new Document("_id", id(target, threadId)).append("messageRef", null),
        new Document("$set", new Document("messageRef", messageRef)));
    rendered(target, threadId, holder, version, fingerprint);
  }

  @Override
  public void rendered(String target, String threadId, String holder, long version, String fingerprint) {
    states.updateOne(held(target, threadId, holder), new Document("$max", new Document("renderedVersion", version))
        .append("$set", new Document("fingerprint", fingerprint).append("leaseUntil", FREE))
        .append("$unset", new Document("leaseHolder", "")));
    // only when nothing newer was wanted meanwhile; a want() after this sets the flag again
    states.updateOne(new Document("_id", id(target, threadId))
            .append("wantedVersion", new Document("$lte", version)).append("messageRef", new Document("$ne", null)),
        new Document("$set", new Document("behind", false)));
  }

  @Override
  public void release(String target, String threadId, String holder) {
    states.updateOne(held(target, threadId, holder), new Document("$set", new Document("leaseUntil", FREE))
        .append("$unset", new Document("leaseHolder", "")));
  }

  @Override
  public Optional<ChatMessageState> find(String target, String threadId) {
    return Optional.ofNullable(states.find(new Document("_id", id(target, threadId))).first())
        .map(MongoChatSyncStore::state);
  }

  @Override
  public List<ChatMessageState> behind(String target, int limit) {
    List<ChatMessageState> result = new ArrayList<>();
    states.find(new Document("target", target).append("behind", true)).limit(limit)
        .forEach(doc -> result.add(state(doc)));
    return result;
  }

  @Override
  public Optional<String> threadOf(String target, String messageRef) {
    if (messageRef == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(states.find(new Document("messageRef", messageRef).append("target", target))
        .projection(new Document("threadId", 1)).first()).map(doc -> doc.getString("threadId"));
  }

  private static Document held(String target, String threadId, String holder) {
    return new Document("_id", id(target, threadId)).append("leaseHolder", holder);
  }

  private static String id(String target, String threadId) {
    return target + "|" + threadId;
  }

  private static ChatMessageState state(Document doc) {
    return new ChatMessageState(doc.getString("target"), doc.getString("threadId"), doc.getString("messageRef"),
        Docs.longValue(doc, "wantedVersion"), Docs.longValue(doc, "renderedVersion"), doc.getString("fingerprint"),
        doc.getString("snippet"), Docs.instant(doc, "postingSince"), doc.getString("leaseHolder"),
        Docs.instant(doc, "leaseUntil"));
  }
}
