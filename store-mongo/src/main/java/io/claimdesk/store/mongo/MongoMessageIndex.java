package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.mail.MessageIndex;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** {@code message_ids}: one document per Message-ID, the id itself as {@code _id}, so every lookup is by id. */
final class MongoMessageIndex implements MessageIndex {
  private final MongoCollection<Document> ids;
  private final Clock clock;

  public MongoMessageIndex(MongoDatabase db, Clock clock) {
    this.ids = db.getCollection("message_ids");
    this.clock = clock;
  }

  @Override
  public Optional<Entry> find(String messageId) {
    return Optional.ofNullable(ids.find(eq("_id", messageId)).first()).map(MongoMessageIndex::entry);
  }

  @Override
  public Optional<String> threadOf(List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> threads = new HashMap<>();
    ids.find(in("_id", messageIds)).forEach(doc -> threads.put(doc.getString("_id"), doc.getString("threadId")));
    return messageIds.stream().map(threads::get).filter(t -> t != null).findFirst();
  }

  @Override
  public Entry reserve(String messageId, String threadId) {
    // an insert where the id is free, the usual case: one plain command (an upsert costs the embedded server and
    // the driver several times as much); an id taken returns the entry that took it, and entries are never removed
    Document entry = new Document("_id", messageId).append("threadId", threadId).append("stored", false)
        .append("at", Docs.date(clock.instant()));
    if (Collections.insertWhereFree(ids, List.of(entry)).isEmpty()) {
      return new Entry(messageId, threadId, false);
    }
    return find(messageId)
        .orElseThrow(() -> new IllegalStateException("Message-ID " + messageId + " is taken and not found"));
  }

  @Override
  public void markStored(String messageId) {
    ids.updateOne(eq("_id", messageId), Updates.set("stored", true));
  }

  private static Entry entry(Document doc) {
    return new Entry(doc.getString("_id"), doc.getString("threadId"), Boolean.TRUE.equals(doc.getBoolean("stored")));
  }
}
