package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.ticket.ChatPost;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * {@code assignment_notices}: one document per nudged claim ({@code _id} {@code nudge:<ticket>:<claimed at>},
 * inserted, so of two instances one wins) and one per offer direct message ({@code _id}
 * {@code offer:<offer id>:<platform>}). Kept for good: one small document per offer or nudge. Queued notices wait
 * in {@code chat_notice_queue}, a collection of their own that is empty most of the time, so that taking the next one
 * reads little even where there are no secondary indexes; each is taken by a delete, which one caller wins.
 */
final class MongoNoticeLog implements NoticeLog {
  private final MongoCollection<Document> notices;
  private final MongoCollection<Document> queue;

  MongoNoticeLog(MongoDatabase db) {
    this.notices = db.getCollection("assignment_notices");
    this.queue = db.getCollection("chat_notice_queue");
  }

  @Override
  public boolean firstNudge(String threadId, Instant claimedAt) {
    try {
      notices.insertOne(new Document("_id", "nudge:" + threadId + ":" + claimedAt.toEpochMilli())
          .append("threadId", threadId).append("claimedAt", Docs.date(claimedAt)));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void saveOfferMessage(String offerId, ChatPost dm) {
    notices.replaceOne(eq("_id", offerKey(offerId, dm.platform())), new Document("offerId", offerId)
        .append("platform", dm.platform()).append("channel", dm.channel()).append("messageRef", dm.messageRef()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<ChatPost> offerMessage(String offerId, String platform) {
    Document doc = notices.find(eq("_id", offerKey(offerId, platform))).first();
    return doc == null ? Optional.empty()
        : Optional.of(new ChatPost(platform, doc.getString("channel"), doc.getString("messageRef")));
  }

  private static String offerKey(String offerId, String platform) {
    return "offer:" + offerId + ":" + platform;
  }

  @Override
  public void queue(String platform, Map<String, String> notice) {
    queue.insertOne(new Document("_id", new ObjectId()).append("platform", platform)
        .append("notice", new Document(notice)));
  }

  @Override
  public Optional<Map<String, String>> takeQueued(String platform) {
    Document taken = queue.findOneAndDelete(eq("platform", platform),
        new FindOneAndDeleteOptions().sort(Sorts.ascending("_id")));
    if (taken == null) {
      return Optional.empty();
    }
    Map<String, String> notice = new LinkedHashMap<>();
    taken.get("notice", Document.class).forEach((k, v) -> notice.put(k, v == null ? null : v.toString()));
    return Optional.of(notice);
  }
}
