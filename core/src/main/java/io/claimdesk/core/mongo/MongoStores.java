package io.claimdesk.core.mongo;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;

/** Every MongoDB-backed store of one database, with its indexes declared. */
public record MongoStores(
    MongoDatabase database,
    MongoTicketStore tickets,
    MongoTeamStore team,
    MongoContactStore contacts,
    MongoAssignmentLog assignments,
    MongoEventOutbox outbox,
    MongoMessageIndex messageIds,
    MongoAttachmentStore attachments,
    MongoQuarantine quarantine,
    MongoMailboxCheckpoints checkpoints,
    MongoWebhookTokens webhookTokens,
    MongoSessionStore sessions,
    MongoLoginFailures loginFailures,
    MongoChatSyncStore chatSync,
    MongoDeliveryLog chatDeliveries,
    MongoPendingReplies pendingReplies) {

  /** Opens the stores and creates any missing index (idempotent, safe with several instances). */
  public static MongoStores open(MongoDatabase db, Clock clock) {
    MongoStores stores = new MongoStores(db, new MongoTicketStore(db, clock), new MongoTeamStore(db, clock),
        new MongoContactStore(db), new MongoAssignmentLog(db), new MongoEventOutbox(db),
        new MongoMessageIndex(db, clock), new MongoAttachmentStore(db), new MongoQuarantine(db, clock),
        new MongoMailboxCheckpoints(db), new MongoWebhookTokens(db, clock), new MongoSessionStore(db),
        new MongoLoginFailures(db), new MongoChatSyncStore(db), new MongoDeliveryLog(db, clock),
        new MongoPendingReplies(db));
    Collections.ensure(db, "email_threads", "thread_messages", "team_members", "contacts", "contact_phones",
        "contact_emails", "message_ids", "mail_checkpoints", "webhook_tokens", "assignment_events", "outbox",
        "counters", "web_sessions", "login_failures", "chat_messages", "chat_deliveries", "pending_replies");
    stores.outbox.createCounter();
    stores.tickets.createIndexes();
    stores.team.createIndexes();
    stores.contacts.createIndexes();
    stores.assignments.createIndexes();
    stores.outbox.createIndexes();
    stores.sessions.createIndexes();
    stores.chatSync.createIndexes();
    stores.pendingReplies.createIndexes();
    return stores;
  }

  /** True when the database answers a ping. */
  public boolean ping() {
    try {
      return database.runCommand(new Document("ping", 1)).get("ok") instanceof Number ok && ok.intValue() == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
