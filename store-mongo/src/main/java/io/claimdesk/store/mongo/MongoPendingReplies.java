package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.reply.PendingReplies;
import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.reply.PendingReply.Status;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** {@code pending_replies}: one document per reply handed to the mail server, its state changed by compare-and-set. */
final class MongoPendingReplies implements PendingReplies {
  private static final FindOneAndUpdateOptions RETURN_NEW =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

  private final MongoCollection<Document> replies;

  public MongoPendingReplies(MongoDatabase db) {
    this.replies = db.getCollection("pending_replies");
  }

  void createIndexes() {
    replies.createIndex(Indexes.ascending("threadId", "status", "createdAt"));
  }

  @Override
  public PendingReply begin(String threadId, String authorId, String body, List<String> cc,
      List<ThreadMessage.Attachment> attachments, String messageId, Instant at) {
    Document doc = new Document("_id", new ObjectId()).append("threadId", threadId).append("authorId", authorId)
        .append("body", body).append("cc", cc).append("attachments", ThreadDocs.attachments(attachments))
        .append("messageId", messageId).append("status", Status.SENDING.value())
        .append("error", null).append("attempts", 1).append("createdAt", Docs.date(at))
        .append("updatedAt", Docs.date(at));
    replies.insertOne(doc);
    return reply(doc);
  }

  @Override
  public Optional<PendingReply> find(String id) {
    return Ids.parse(id).map(oid -> replies.find(eq("_id", oid)).first()).map(MongoPendingReplies::reply);
  }

  @Override
  public Optional<PendingReply> retry(String id, Instant staleBefore, Instant at) {
    return Ids.parse(id).map(oid -> replies.findOneAndUpdate(and(eq("_id", oid), retryable(staleBefore)),
        Updates.combine(Updates.set("status", Status.SENDING.value()), Updates.set("updatedAt", Docs.date(at)),
            Updates.inc("attempts", 1)), RETURN_NEW)).map(MongoPendingReplies::reply);
  }

  @Override
  public void failed(String id, String error, Instant at) {
    move(id, Status.SENDING, Updates.combine(Updates.set("status", Status.FAILED.value()), Updates.set("error", error),
        Updates.set("updatedAt", Docs.date(at))));
  }

  @Override
  public void sent(String id, Instant at) {
    move(id, Status.SENDING, Updates.combine(Updates.set("status", Status.SENT.value()), Updates.set("error", null),
        Updates.set("updatedAt", Docs.date(at))));
  }

  @Override
  public boolean discard(String id, Instant staleBefore, Instant at) {
    return Ids.parse(id).map(oid -> replies.updateOne(and(eq("_id", oid), retryable(staleBefore)),
        Updates.combine(Updates.set("status", Status.DISCARDED.value()), Updates.set("updatedAt", Docs.date(at))))
        .getModifiedCount() == 1).orElse(false);
  }

  @Override
  public List<PendingReply> unsent(String threadId) {
    List<PendingReply> result = new ArrayList<>();
    replies.find(and(eq("threadId", threadId), in("status", Status.SENDING.value(), Status.FAILED.value())))
        .sort(Sorts.ascending("createdAt")).forEach(doc -> result.add(reply(doc)));
    return result;
  }

  /** Failed, or sending since before {@code staleBefore}. */
  private static Bson retryable(Instant staleBefore) {
    return or(eq("status", Status.FAILED.value()),
        and(eq("status", Status.SENDING.value()), lt("updatedAt", Docs.date(staleBefore))));
  }

  private void move(String id, Status from, Bson update) {
    Ids.parse(id).ifPresent(oid -> replies.updateOne(and(eq("_id", oid), eq("status", from.value())), update));
  }

  private static PendingReply reply(Document doc) {
    return new PendingReply(Ids.hex(doc.get("_id")), doc.getString("threadId"), doc.getString("authorId"),
        doc.getString("body"), doc.getString("messageId"), Status.parse(doc.getString("status")).orElse(Status.FAILED),
        doc.getString("error"), Docs.intValue(doc, "attempts"), Docs.instant(doc, "createdAt"),
        Docs.instant(doc, "updatedAt"), Docs.strings(doc, "cc"), ThreadDocs.attachments(doc));
  }
}
