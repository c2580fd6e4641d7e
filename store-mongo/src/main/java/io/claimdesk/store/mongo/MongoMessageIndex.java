package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.mail.MessageIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  public Map<String, Entry> findAll(Collection<String> messageIds) {
    Map<String, Entry> found = new HashMap<>();
    Collections.findByIds(ids, List.copyOf(new LinkedHashSet<>(messageIds)),
        doc -> found.put(doc.getString("_id"), entry(doc)));
    return found;
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
    return reserveAll(Map.of(messageId, threadId)).get(messageId);
  }

  @Override
  public Map<String, Entry> reserveAll(Map<String, String> threads) {
    // inserts where the ids are free, the usual case: one plain command (an upsert costs the embedded server and
    // the driver several times as much); an id taken returns the entry that took it, and entries are never removed
    List<Document> entries = new ArrayList<>();
    Date at = Docs.date(clock.instant());
    threads.forEach((messageId, threadId) -> entries.add(new Document("_id", messageId).append("threadId", threadId)
        .append("stored", false).append("at", at)));
    Set<Integer> taken = Collections.insertWhereFree(Journal.writes(ids), entries);
    Map<String, Entry> reserved = new HashMap<>();
    List<String> takenIds = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String messageId = entries.get(i).getString("_id");
      if (taken.contains(i)) {
        takenIds.add(messageId);
      } else {
        reserved.put(messageId, new Entry(messageId, entries.get(i).getString("threadId"), false));
      }
    }
    Map<String, Entry> found = findAll(takenIds);
    for (String messageId : takenIds) {
      Entry entry = found.get(messageId);
      if (entry == null) {
        throw new IllegalStateException("Message-ID " + messageId + " is taken and not found");
      }
      reserved.put(messageId, entry);
    }
    return reserved;
  }

  @Override
  public void markStored(String messageId) {
    markStored(List.of(messageId));
  }

  @Override
  public void markStored(List<String> messageIds) {
    if (!messageIds.isEmpty()) {
      // one command, each mark found by id, in order
      Journal.journaled(ids).bulkWrite(messageIds.stream()
          .map(id -> new UpdateOneModel<Document>(eq("_id", id), Updates.set("stored", true))).toList());
    }
  }

  private static Entry entry(Document doc) {
    return new Entry(doc.getString("_id"), doc.getString("threadId"), Boolean.TRUE.equals(doc.getBoolean("stored")));
  }
}
