package io.claimdesk.core.reply;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * Replies go through the claim rule first ({@link ClaimService#claimForReply}): only the owner sends, and an
 * unowned ticket is claimed by whoever replies. The message is recorded only after the sender accepted it.
 */
public final class ReplyService {
  public static final int MAX_BODY_CHARS = 100_000;

  private final ClaimService claims;
  private final TicketStore tickets;
  private final EventRelay relay;
  private final ReplySender sender;
  private final MessageIndex messageIds;
  private final Clock clock;

  public ReplyService(ClaimService claims, TicketStore tickets, EventRelay relay, ReplySender sender,
      MessageIndex messageIds, Clock clock) {
    this.claims = claims;
    this.tickets = tickets;
    this.relay = relay;
    this.sender = sender;
    this.messageIds = messageIds;
    this.clock = clock;
  }

  public ReplyOutcome reply(String threadId, TeamMember author, String body, Via via) {
    if (body == null || body.isBlank()) {
      return new ReplyOutcome.Invalid("Reply body must not be empty");
    }
    if (body.length() > MAX_BODY_CHARS) {
      return new ReplyOutcome.Invalid("Reply body is longer than " + MAX_BODY_CHARS + " characters");
    }
    ClaimOutcome permission = claims.claimForReply(threadId, author, via);
    if (!(permission instanceof ClaimOutcome.Won won)) {
      return new ReplyOutcome.Refused(permission);
    }
    EmailThread thread = won.thread();
    List<ThreadMessage> history = tickets.messages(threadId);
    ReplySender.SentReply sent;
    try {
      sent = sender.send(new OutgoingReply(thread, author, body, history));
    } catch (ReplySendException e) {
      return new ReplyOutcome.SendFailed(thread, "Sending the reply failed: " + e.getMessage());
    }
    // our own Message-ID joins the index, so the customer's answer threads back and is never taken for new mail
    messageIds.reserve(sent.messageId(), threadId);
    messageIds.markStored(sent.messageId());
    TicketEvent added = new TicketEvent(new ObjectId().toHexString(), OutboxEvent.MESSAGE_ADDED, threadId,
        author.id(), author.email(), null, null, null, null, via.value(), 0, clock.instant());
    tickets.appendMessage(threadId, new ThreadMessage(null, threadId, ThreadMessage.Direction.OUTBOUND,
        sent.messageId(), sent.inReplyTo(), sent.references(), sent.from(), author.displayName(), sent.to(),
        List.of(), clock.instant(), body, null, List.of(), author.id()), added);
    ClaimOutcome status = claims.changeStatus(threadId, author, TicketStatus.IN_PROGRESS, via);
    EmailThread latest = status instanceof ClaimOutcome.Won updated ? updated.thread() : tickets.find(threadId).orElse(thread);
    relay.publish(added.withVersion(latest.version()));
    return new ReplyOutcome.Sent(latest, sent.messageId());
  }
}
