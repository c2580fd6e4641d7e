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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.claimdesk.core.Ids;

/**
 * Replies go through the claim rule first ({@link ClaimService#claimForReply}): only the owner sends, and an
 * unowned ticket is claimed by whoever replies. A reply is kept as pending, under a Message-ID fixed before the
 * first attempt, until the mail server accepts it; only then is it recorded on the thread. One that failed stays
 * visible on the ticket with the server's error, and its author can send it again (the same mail, recorded once)
 * or discard it.
 */
public final class ReplyService {
  public static final int MAX_BODY_CHARS = 100_000;
  static final String NOT_YOUR_REPLY = "You can only retry your own replies";
  static final String NOT_YOUR_REPLY_TO_DISCARD = "You can only discard your own replies";

  private final ClaimService claims;
  private final TicketStore tickets;
  private final EventRelay relay;
  private final ReplySender sender;
  private final MessageIndex messageIds;
  private final PendingReplies pending;
  private final Clock clock;

  public ReplyService(ClaimService claims, TicketStore tickets, EventRelay relay, ReplySender sender,
      MessageIndex messageIds, PendingReplies pending, Clock clock) {
    this.claims = claims;
    this.tickets = tickets;
    this.relay = relay;
    this.sender = sender;
    this.messageIds = messageIds;
    this.pending = pending;
    this.clock = clock;
  }

  public ReplyOutcome reply(String threadId, TeamMember author, String body, Via via) {
    return reply(threadId, author, ReplyDraft.text(body), via);
  }

  /** A reply with CC addresses and attachments; the same rules as a reply of text alone. */
  public ReplyOutcome reply(String threadId, TeamMember author, ReplyDraft draft, Via via) {
    String body = draft.body();
    if (body == null || body.isBlank()) {
      return new ReplyOutcome.Invalid("Reply body must not be empty");
    }
    if (body.length() > MAX_BODY_CHARS) {
      return new ReplyOutcome.Invalid("Reply body is longer than " + MAX_BODY_CHARS + " characters");
    }
    String ccProblem = draft.ccProblem();
    if (ccProblem != null) {
      return new ReplyOutcome.Invalid(ccProblem);
    }
    ClaimOutcome permission = claims.claimForReply(threadId, author, via);
    if (!(permission instanceof ClaimOutcome.Won won)) {
      return new ReplyOutcome.Refused(permission);
    }
    String messageId = sender.newMessageId();
    // in the index before it leaves: the customer's answer threads back even if the process stops mid-send
    messageIds.reserve(messageId, threadId);
    PendingReply reply = pending.begin(threadId, author.id(), body, draft.ccWithout(won.thread().customerEmail()),
        draft.attachments(), messageId, clock.instant());
    return deliver(won.thread(), author, reply, via);
  }

  /**
   * Sends a reply that failed (or was cut off) again, as the same mail: only its author, and only while the claim
   * rule lets them reply to the ticket.
   */
  public ReplyOutcome retry(String replyId, TeamMember member, Via via) {
    Optional<PendingReply> found = pending.find(replyId);
    if (found.isEmpty()) {
      return new ReplyOutcome.NoSuchReply();
    }
    if (!found.get().authorId().equals(member.id())) {
      return new ReplyOutcome.Refused(new ClaimOutcome.NotAllowed(NOT_YOUR_REPLY));
    }
    ReplyOutcome.Conflict conflict = notRetryable(found.get());
    if (conflict != null) {
      return conflict;
    }
    ClaimOutcome permission = claims.claimForReply(found.get().threadId(), member, via);
    if (!(permission instanceof ClaimOutcome.Won won)) {
      return new ReplyOutcome.Refused(permission);
    }
    Instant now = clock.instant();
    Optional<PendingReply> taken = pending.retry(replyId, now.minus(PendingReply.STALE_AFTER), now);
    if (taken.isEmpty()) { // someone else's click got there first
      return notRetryable(pending.find(replyId).orElseThrow());
    }
    String messageId = taken.get().messageId();
    if (tickets.messages(taken.get().threadId()).stream().anyMatch(m -> messageId.equals(m.messageId()))) {
      // cut off after it was recorded on the thread, before it was marked sent: it went out
      pending.sent(replyId, now);
      return new ReplyOutcome.Conflict("This reply was sent already");
    }
    return deliver(won.thread(), member, taken.get(), via);
  }

  /** True when {@code replyId} is a reply to the ticket {@code threadId}, whatever its state. */
  public boolean isOn(String replyId, String threadId) {
    return pending.find(replyId).filter(reply -> reply.threadId().equals(threadId)).isPresent();
  }

  /** Gives up a reply that failed or was cut off: its author, or a manager. */
  public ReplyOutcome discard(String replyId, TeamMember member) {
    Optional<PendingReply> found = pending.find(replyId);
    if (found.isEmpty()) {
      return new ReplyOutcome.NoSuchReply();
    }
    if (!found.get().authorId().equals(member.id()) && !member.role().canManageTickets()) {
      return new ReplyOutcome.Refused(new ClaimOutcome.NotAllowed(NOT_YOUR_REPLY_TO_DISCARD));
    }
    Instant now = clock.instant();
    if (!pending.discard(replyId, now.minus(PendingReply.STALE_AFTER), now)) {
      ReplyOutcome.Conflict conflict = notRetryable(pending.find(replyId).orElseThrow());
      return conflict != null ? conflict : new ReplyOutcome.Conflict("This reply is being sent");
    }
    return new ReplyOutcome.Discarded(replyId);
  }

  /**
   * The thread's replies that are being sent or failed, oldest first. One cut off after it was recorded on the
   * thread (it went out) is marked sent on the way instead of being shown.
   */
  public List<PendingReply> unsent(String threadId) {
    List<PendingReply> unsent = pending.unsent(threadId);
    Instant now = clock.instant();
    if (unsent.stream().noneMatch(r -> r.cutOff(now))) {
      return unsent;
    }
    Set<String> recorded = new HashSet<>();
    tickets.messages(threadId).forEach(m -> recorded.add(m.messageId()));
    List<PendingReply> shown = new ArrayList<>();
    for (PendingReply r : unsent) {
      if (r.cutOff(now) && recorded.contains(r.messageId())) {
        pending.sent(r.id(), now);
      } else {
        shown.add(r);
      }
    }
    return shown;
  }

  /** Why this reply cannot be sent again now, or null when it can. */
  private ReplyOutcome.Conflict notRetryable(PendingReply reply) {
    return switch (reply.status()) {
      case SENT -> new ReplyOutcome.Conflict("This reply was sent already");
      case DISCARDED -> new ReplyOutcome.Conflict("This reply was discarded");
      case SENDING -> reply.cutOff(clock.instant()) ? null : new ReplyOutcome.Conflict("This reply is being sent");
      case FAILED -> null;
    };
  }

  private ReplyOutcome deliver(EmailThread thread, TeamMember author, PendingReply reply, Via via) {
    String threadId = thread.id();
    List<ThreadMessage> history = tickets.messages(threadId);
    ReplySender.SentReply sent;
    try {
      sent = sender.send(new OutgoingReply(thread, author, reply.body(), history, reply.messageId(), reply.cc(),
          reply.attachments()));
    } catch (ReplySendException e) {
      String error = e.getMessage(); // the sender's own sentence, already said in plain words
      pending.failed(reply.id(), error, clock.instant());
      return new ReplyOutcome.SendFailed(thread, error, reply.id());
    }
    messageIds.markStored(sent.messageId());
    TicketEvent added = new TicketEvent(Ids.next(), OutboxEvent.MESSAGE_ADDED, threadId,
        author.id(), author.email(), null, null, null, null, via.value(), 0, clock.instant());
    tickets.appendMessage(threadId, new ThreadMessage(null, threadId, ThreadMessage.Direction.OUTBOUND,
        sent.messageId(), sent.inReplyTo(), sent.references(), sent.from(), author.displayName(), sent.to(),
        reply.cc(), clock.instant(), reply.body(), null, reply.attachments(), author.id()), added);
    pending.sent(reply.id(), clock.instant());
    ClaimOutcome status = claims.changeStatus(threadId, author, TicketStatus.IN_PROGRESS, via);
    EmailThread latest = status instanceof ClaimOutcome.Won updated ? updated.thread()
        : tickets.find(threadId).orElse(thread);
    relay.publish(added.withVersion(latest.version()));
    return new ReplyOutcome.Sent(latest, sent.messageId());
  }
}
