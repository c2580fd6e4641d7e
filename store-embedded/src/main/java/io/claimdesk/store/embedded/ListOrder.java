package io.claimdesk.store.embedded;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketSort;
import java.time.Instant;
import java.util.Comparator;

/**
 * The orders of the ticket lists as the database sorts them (a missing value first when ascending, last when
 * descending; ties newest first), for lists made in memory.
 */
final class ListOrder {
  private static final Comparator<EmailThread> NEWEST_FIRST = Comparator
      .comparing((EmailThread t) -> t.receivedAt() == null ? Instant.EPOCH : t.receivedAt())
      .thenComparing(EmailThread::id).reversed();

  private ListOrder() {}

  static Comparator<EmailThread> of(TicketSort sort) {
    return switch (sort) {
      case RECEIVED -> NEWEST_FIRST;
      case ACTIVITY -> Comparator.comparing((EmailThread t) -> t.lastMessageAt(),
          Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed().thenComparing(NEWEST_FIRST);
      case STATUS -> Comparator.comparing((EmailThread t) -> t.status().value()).thenComparing(NEWEST_FIRST);
      case OWNER -> Comparator.comparing((EmailThread t) -> t.isOwned() ? t.owner().name() : null,
          Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(NEWEST_FIRST);
    };
  }
}
