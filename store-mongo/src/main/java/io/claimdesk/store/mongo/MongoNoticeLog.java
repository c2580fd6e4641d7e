package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.ticket.ChatPost;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/**
 * {@code assignment_notices}: one document per nudged claim ({@code _id} {@code nudge:<ticket>:<claimed at>},
 * inserted, so of two instances one wins) and one per offer direct message ({@code _id}
 * {@code offer:<offer id>:<platform>}). Kept for good: one small document per offer or nudge.
 */
final class MongoNoticeLog implements NoticeLog {
  private final MongoCollection<Document> notices;

  MongoNoticeLog(MongoDatabase db) {
    this.notices = db.getCollection("assignment_notices");
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
}
