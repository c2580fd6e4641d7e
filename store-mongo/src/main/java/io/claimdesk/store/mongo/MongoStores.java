package io.claimdesk.store.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.assignment.AssignmentStores;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.assignment.OfferStore;
import io.claimdesk.core.assignment.PickLog;
import io.claimdesk.core.assignment.SettingsStore;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.lease.LeaseStore;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.MailboxCheckpoints;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.core.mail.WebhookTokens;
import io.claimdesk.core.reply.PendingReplies;
import io.claimdesk.core.savedreply.SavedReplyStore;
import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.SessionStore;
import io.claimdesk.core.store.StoreHealth;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.ApiTokenStore;
import io.claimdesk.core.team.LinkTokenStore;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.voice.CallLogStore;
import java.time.Clock;
import org.bson.Document;

/** The one way in: every port of a MongoDB database, with its indexes declared. */
public final class MongoStores {
  private MongoStores() {}

  /**
   * Opens the stores of {@code db} and creates any missing index (idempotent, safe with several instances). A
   * failure of the database reaches the caller of any port as {@link io.claimdesk.core.StoreUnavailableException}.
   * Writes are acknowledged once journaled on a majority, unless the connection string asks otherwise: a write
   * acknowledged is a write kept, whatever crashes next (the embedded server commits to its file before it answers).
   */
  public static Stores open(MongoDatabase database, Clock clock) {
    WriteConcern asked = database.getWriteConcern();
    MongoDatabase db = asked.getWObject() == null && asked.getJournal() == null
        ? database.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)) : database;
    Collections.ensure(db, "email_threads", "thread_messages", "team_members", "contacts", "contact_phones",
        "contact_emails", "message_ids", "mail_checkpoints", "webhook_tokens", "assignment_events", "outbox",
        "counters", "web_sessions", "login_failures", "chat_messages", "chat_deliveries", "pending_replies", "api_tokens",
        "leases", "call_logs", "call_agents", "saved_replies");
    return stores(db, clock, true);
  }

  /** The stores of {@code db}; with {@code prepare}, after creating what is missing of their indexes and counter. */
  private static Stores stores(MongoDatabase db, Clock clock, boolean prepare) {
    MongoTicketStore tickets = new MongoTicketStore(db, clock);
    MongoTeamStore team = new MongoTeamStore(db, clock);
    MongoApiTokenStore apiTokens = new MongoApiTokenStore(db, clock);
    MongoContactStore contacts = new MongoContactStore(db);
    MongoAssignmentLog assignments = new MongoAssignmentLog(db);
    MongoEventOutbox outbox = new MongoEventOutbox(db);
    MongoSessionStore sessions = new MongoSessionStore(db);
    MongoChatSyncStore chatSync = new MongoChatSyncStore(db);
    MongoPendingReplies pendingReplies = new MongoPendingReplies(db);
    MongoCallLogStore callLogs = new MongoCallLogStore(db);
    if (prepare) {
      outbox.createCounter();
      tickets.createIndexes();
      tickets.backfillSearch();
      team.createIndexes();
      apiTokens.createIndexes();
      apiTokens.moveLegacyTokens();
      contacts.createIndexes();
      assignments.createIndexes();
      outbox.createIndexes();
      sessions.createIndexes();
      chatSync.createIndexes();
      pendingReplies.createIndexes();
      callLogs.createIndexes();
    }
    return new Stores(
        StoreErrors.translated(TicketStore.class, tickets),
        StoreErrors.translated(TeamStore.class, team),
        StoreErrors.translated(ApiTokenStore.class, apiTokens),
        StoreErrors.translated(ContactStore.class, contacts),
        StoreErrors.translated(AssignmentLog.class, assignments),
        StoreErrors.translated(EventOutbox.class, outbox),
        StoreErrors.translated(MessageIndex.class, new MongoMessageIndex(db, clock)),
        StoreErrors.translated(AttachmentStore.class, new MongoAttachmentStore(db)),
        StoreErrors.translated(Quarantine.class, new MongoQuarantine(db, clock)),
        StoreErrors.translated(MailboxCheckpoints.class, new MongoMailboxCheckpoints(db)),
        StoreErrors.translated(WebhookTokens.class, new MongoWebhookTokens(db, clock)),
        StoreErrors.translated(SessionStore.class, sessions),
        StoreErrors.translated(LoginThrottle.FailureStore.class, new MongoLoginFailures(db)),
        StoreErrors.translated(ChatSyncStore.class, chatSync),
        StoreErrors.translated(DeliveryLog.class, new MongoDeliveryLog(db, clock)),
        StoreErrors.translated(PendingReplies.class, pendingReplies),
        StoreErrors.translated(LeaseStore.class, new MongoLeaseStore(db, clock)),
        StoreErrors.translated(CallLogStore.class, callLogs),
        StoreErrors.translated(SavedReplyStore.class, new MongoSavedReplyStore(db)),
        health(db));
  }

  /**
   * The same stores, writing with {@code j: false}: a write is acknowledged once applied, and becomes durable with
   * the next journaled write of any store (the embedded server also commits every 100 ms; a MongoDB replica set with
   * its default {@code writeConcernMajorityJournalDefault} journals majority writes anyway). For work that is
   * repeated after a crash until a journaled write of its own records it done: the IMAP poller's mails, recorded by
   * its checkpoint. One commit per checkpoint instead of several per mail. For a database {@link #open} has prepared
   * already: its collections, indexes and counter are not created again.
   */
  public static Stores unjournaled(MongoDatabase database, Clock clock) {
    WriteConcern asked = database.getWriteConcern();
    WriteConcern acknowledged = asked.getWObject() == null ? WriteConcern.MAJORITY : asked;
    return stores(database.withWriteConcern(acknowledged.withJournal(false)), clock, false);
  }

  /**
   * The assignment policy's stores on {@code db} ({@code settings}, {@code offers} with {@code offer_history},
   * {@code assignment_picks}), created and indexed if missing, with the same write concern as {@link #open}.
   */
  public static AssignmentStores assignment(MongoDatabase database) {
    WriteConcern asked = database.getWriteConcern();
    MongoDatabase db = asked.getWObject() == null && asked.getJournal() == null
        ? database.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)) : database;
    Collections.ensure(db, "settings", "offers", "offer_history", "assignment_picks");
    MongoOfferStore offers = new MongoOfferStore(db);
    offers.createIndexes();
    MongoPickLog picks = new MongoPickLog(db);
    picks.createCounter();
    return new AssignmentStores(
        StoreErrors.translated(SettingsStore.class, new MongoSettingsStore(db)),
        StoreErrors.translated(OfferStore.class, offers),
        StoreErrors.translated(PickLog.class, picks));
  }

  /**
   * The record of the assignment policy's chat notices ({@code assignment_notices}: offer direct messages, nudges;
   * {@code chat_notice_queue}: notices waiting for the instance that can send them), with the same write concern as
   * {@link #open}.
   */
  public static NoticeLog notices(MongoDatabase database) {
    WriteConcern asked = database.getWriteConcern();
    MongoDatabase db = asked.getWObject() == null && asked.getJournal() == null
        ? database.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)) : database;
    Collections.ensure(db, "assignment_notices", "chat_notice_queue");
    return StoreErrors.translated(NoticeLog.class, new MongoNoticeLog(db));
  }

  /**
   * The single-use link tokens of {@code db} ({@code link_tokens}), created and indexed if missing, with the same
   * write concern as {@link #open}; expiry is judged by {@code clock}.
   */
  public static LinkTokenStore linkTokens(MongoDatabase database, Clock clock) {
    WriteConcern asked = database.getWriteConcern();
    MongoDatabase db = asked.getWObject() == null && asked.getJournal() == null
        ? database.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)) : database;
    Collections.ensure(db, "link_tokens");
    MongoLinkTokenStore tokens = new MongoLinkTokenStore(db, clock);
    tokens.createIndexes();
    return StoreErrors.translated(LinkTokenStore.class, tokens);
  }

  private static StoreHealth health(MongoDatabase db) {
    return () -> {
      try {
        return db.runCommand(new Document("ping", 1)).get("ok") instanceof Number ok && ok.intValue() == 1;
      } catch (RuntimeException e) {
        return false;
      }
    };
  }
}
