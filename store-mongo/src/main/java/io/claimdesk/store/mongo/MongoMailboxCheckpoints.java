package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.claimdesk.core.mail.MailboxCheckpoints;
import java.util.Optional;
import org.bson.Document;

/** {@code mail_checkpoints}: one document per mailbox folder, keyed by its name. */
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
  public void save(String mailbox, Checkpoint checkpoint) {
    checkpoints.replaceOne(eq("_id", mailbox), new Document("_id", mailbox)
        .append("uidValidity", checkpoint.uidValidity()).append("lastUid", checkpoint.lastUid()),
        new ReplaceOptions().upsert(true));
  }
}
