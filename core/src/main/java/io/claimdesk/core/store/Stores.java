package io.claimdesk.core.store;

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
import io.claimdesk.core.team.ApiTokenStore;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.voice.CallLogStore;
import java.util.function.UnaryOperator;

/** Every port of one database, as a storage adapter opens them; {@code health} answers whether it is reachable. */
public record Stores(
    TicketStore tickets,
    TeamStore team,
    ApiTokenStore apiTokens,
    ContactStore contacts,
    AssignmentLog assignments,
    EventOutbox outbox,
    MessageIndex messageIds,
    AttachmentStore attachments,
    Quarantine quarantine,
    MailboxCheckpoints checkpoints,
    WebhookTokens webhookTokens,
    SessionStore sessions,
    LoginThrottle.FailureStore loginFailures,
    ChatSyncStore chatSync,
    DeliveryLog chatDeliveries,
    PendingReplies pendingReplies,
    LeaseStore leases,
    CallLogStore callLogs,
    SavedReplyStore savedReplies,
    StoreHealth health) {

  /** The same stores with the ticket store replaced by {@code wrap} of it (an index kept in front of it). */
  public Stores withTickets(UnaryOperator<TicketStore> wrap) {
    return new Stores(wrap.apply(tickets), team, apiTokens, contacts, assignments, outbox, messageIds, attachments, quarantine,
        checkpoints, webhookTokens, sessions, loginFailures, chatSync, chatDeliveries, pendingReplies, leases,
        callLogs, savedReplies, health);
  }
}
