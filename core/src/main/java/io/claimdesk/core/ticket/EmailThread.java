package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket: one email conversation with a customer. {@code owner} is null when nobody has claimed it;
 * {@code version} grows with every change so that consumers can tell a stale rendering from a current one.
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
    List<ChatPost> chat) {

  public EmailThread {
    chat = chat == null ? List.of() : List.copyOf(chat);
  }

  public boolean isOwned() {
    return owner != null;
  }

  public boolean isOwnedBy(String memberId) {
    return owner != null && owner.memberId().equals(memberId);
  }
}
