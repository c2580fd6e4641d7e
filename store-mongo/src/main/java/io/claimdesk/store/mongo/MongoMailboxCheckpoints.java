package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.not;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.mail.MailboxCheckpoints;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code mail_checkpoints}: one document per mailbox folder, keyed by its name, with the epoch of the lease it was
 * saved under; a save is an upsert conditional on that epoch not being newer than the caller's.
 */
final class MongoMailboxCheckpoints implements MailboxCheckpoints {
  private final MongoCollection<Document> checkpoints;

  public MongoMailboxCheckpoints(MongoDatabase db) {
    this.checkpoints = db.getCollection("mail_checkpoints");
  }

  @Override
  public Optional<Checkpoint> load(String mailbox) {
    return Optional.ofNullable(checkpoints.find(eq("_id", mailbox)).first())
        .map(doc -> new Checkpoint(Docs.longValue(doc, "uidValidity"), Docs.longValue(doc, "lastUid")));
  }

  @Override
  public boolean save(String mailbox, Checkpoint checkpoint, long epoch) {
    // "not greater" also matches a checkpoint of an earlier version, which has no epoch
    Bson mineOrOlder = and(eq("_id", mailbox), not(gt("epoch", epoch)));
    try {
      checkpoints.updateOne(mineOrOlder, Updates.combine(Updates.set("uidValidity", checkpoint.uidValidity()),
          Updates.set("lastUid", checkpoint.lastUid()), Updates.set("epoch", epoch)), new UpdateOptions().upsert(true));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false; // a newer epoch's checkpoint is there: the upsert's insert met it
      }
      throw e;
    }
  }
}
