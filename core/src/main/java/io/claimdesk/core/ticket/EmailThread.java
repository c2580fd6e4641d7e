package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket: one email conversation with a customer. {@code owner} is null when nobody has claimed it;
 * {@code version} grows with every change so that consumers can tell a stale rendering from a current one.
 * {@code tag} is the short code claimdesk puts in reply subjects ({@code [#A1B2C3D4]}); null on tickets written
 * before tags existed. {@code lastInboundAt} and {@code lastReplyAt} are when the customer last wrote (or left a
 * voicemail) and the team last replied (internal notes and automatic mail count as neither); null when that never
 * happened.
 * {@code customerPhone} is the caller's number (E.164) on a ticket a voicemail opened, else null.
 */
public record EmailThread(
    String id,
    String mailbox,
    String subject,
    String customerEmail,
    String customerName,
    TicketStatus status,
    Owner owner,
    Instant receivedAt,
    Instant lastMessageAt,
    int messageCount,
    long version,
    List<ChatPost> chat,
    String tag,
    Instant lastInboundAt,
    Instant lastReplyAt,
    String customerPhone) {

  public EmailThread {
    chat = chat == null ? List.of() : List.copyOf(chat);
  }

  /** As before the customer's and the team's last message times were kept: both unknown; no caller's number. */
  public EmailThread(String id, String mailbox, String subject, String customerEmail, String customerName,
      TicketStatus status, Owner owner, Instant receivedAt, Instant lastMessageAt, int messageCount, long version,
      List<ChatPost> chat, String tag) {
    this(id, mailbox, subject, customerEmail, customerName, status, owner, receivedAt, lastMessageAt, messageCount,
        version, chat, tag, null, null, null);
  }

  /**
   * True when the customer wrote last and the ticket is not resolved: their newest message has no reply from the
   * team after it. A resolved ticket waits for nobody (mail from the customer reopens it first).
   */
  public boolean needsReply() {
    return status != TicketStatus.RESOLVED && lastInboundAt != null
        && (lastReplyAt == null || lastInboundAt.isAfter(lastReplyAt));
  }

  /** True when the customer answered a reply of the team's and waits again. */
  public boolean customerReplied() {
    return needsReply() && lastReplyAt != null;
  }

  /** Since when the customer waits for an answer: their last unanswered message; null when nobody waits. */
  public Instant waitingSince() {
    return needsReply() ? lastInboundAt : null;
  }

  public boolean isOwned() {
    return owner != null;
  }

  public boolean isOwnedBy(String memberId) {
    return owner != null && owner.memberId().equals(memberId);
  }
}
