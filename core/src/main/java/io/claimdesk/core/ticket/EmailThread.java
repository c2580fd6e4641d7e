package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket: one email conversation with a customer. {@code owner} is null when nobody has claimed it;
 * {@code version} grows with every change so that consumers can tell a stale rendering from a current one.
 * {@code tag} is the short code claimdesk puts in reply subjects ({@code [#A1B2C3D4]}); null on tickets written
 * before tags existed.
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
    String tag) {

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
