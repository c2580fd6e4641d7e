package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.savedreply.SavedReplyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Saved replies in {@code saved_replies}, one document each. A team keeps tens of them, not thousands: the list is
 * read whole and sorted here, which also sorts case-insensitively on every backend.
 */
final class MongoSavedReplyStore implements SavedReplyStore {
  private final MongoCollection<Document> replies;

  MongoSavedReplyStore(MongoDatabase db) {
    this.replies = db.getCollection("saved_replies");
  }

  @Override
  public List<SavedReply> all() {
    List<SavedReply> all = new ArrayList<>();
    replies.find().forEach(doc -> all.add(reply(doc)));
    all.sort(Comparator.comparing((SavedReply r) -> r.title().toLowerCase(Locale.ROOT)).thenComparing(SavedReply::id));
    return all;
  }

  @Override
  public Optional<SavedReply> find(String id) {
    return Ids.parse(id).map(oid -> replies.find(eq("_id", oid)).first()).map(MongoSavedReplyStore::reply);
  }

  @Override
  public SavedReply create(String title, String body, String memberId, Instant at) {
    ObjectId id = new ObjectId();
    Document doc = new Document("_id", id).append("title", title).append("body", body)
        .append("updatedBy", memberId).append("updatedAt", Docs.date(at));
    replies.insertOne(doc);
    return reply(doc);
  }

  @Override
  public Optional<SavedReply> update(String id, String title, String body, String memberId, Instant at) {
    Optional<ObjectId> oid = Ids.parse(id);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    Document set = new Document("title", title).append("body", body).append("updatedBy", memberId)
        .append("updatedAt", Docs.date(at));
    return Optional.ofNullable(replies.findOneAndUpdate(eq("_id", oid.get()), new Document("$set", set),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(MongoSavedReplyStore::reply);
  }

  @Override
  public boolean delete(String id) {
    return Ids.parse(id).map(oid -> replies.deleteOne(eq("_id", oid)).getDeletedCount() == 1).orElse(false);
  }

  private static SavedReply reply(Document doc) {
    return new SavedReply(Ids.hex(doc.get("_id")), doc.getString("title"), doc.getString("body"),
        doc.getString("updatedBy"), Docs.instant(doc, "updatedAt"));
  }
}
