package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket: one email conversation with a customer. {@code owner} is null when nobody has claimed it;
 * {@code version} grows with every change so that consumers can tell a stale rendering from a current one.
 * {@code tag} is the short code claimdesk puts in reply subjects ({@code [#A1B2C3D4]}); null on tickets written
 * before tags existed. {@code customerPhone} is the caller's number (E.164) on a ticket a voicemail opened, else null.
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
    String customerPhone) {

  public EmailThread {
    chat = chat == null ? List.of() : List.copyOf(chat);
  }

  /** A ticket without a caller's number. */
  public EmailThread(String id, String mailbox, String subject, String customerEmail, String customerName,
      TicketStatus status, Owner owner, Instant receivedAt, Instant lastMessageAt, int messageCount, long version,
      List<ChatPost> chat, String tag) {
    this(id, mailbox, subject, customerEmail, customerName, status, owner, receivedAt, lastMessageAt, messageCount,
        version, chat, tag, null);
  }

  public boolean isOwned() {
    return owner != null;
  }

  public boolean isOwnedBy(String memberId) {
    return owner != null && owner.memberId().equals(memberId);
  }
}
