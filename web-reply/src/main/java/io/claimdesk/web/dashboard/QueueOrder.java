package io.claimdesk.web.dashboard;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The order and status filter of a queue page (mine, unassigned): a screenful read whole from the store, so sorted
 * here. By default oldest first, and on "mine" the tickets whose customer waits for an answer before the others.
 */
final class QueueOrder {
  private static final Comparator<EmailThread> OLDEST_FIRST =
      Comparator.comparing((EmailThread t) -> at(t.receivedAt())).thenComparing(EmailThread::id);

  private QueueOrder() {}

  static List<EmailThread> apply(List<EmailThread> queue, TicketStatus status, TicketSort sort,
      boolean needsReplyFirst) {
    return queue.stream().filter(t -> status == null || t.status() == status).sorted(order(sort, needsReplyFirst))
        .toList();
  }

  private static Comparator<EmailThread> order(TicketSort sort, boolean needsReplyFirst) {
    if (sort == null) {
      return needsReplyFirst
          ? Comparator.comparing((EmailThread t) -> !t.needsReply()).thenComparing(OLDEST_FIRST) : OLDEST_FIRST;
    }
    return switch (sort) {
      case RECEIVED -> OLDEST_FIRST;
      case ACTIVITY -> Comparator.comparing((EmailThread t) -> at(t.lastMessageAt())).reversed()
          .thenComparing(OLDEST_FIRST);
      case STATUS -> Comparator.comparing((EmailThread t) -> t.status().value()).thenComparing(OLDEST_FIRST);
      case OWNER -> Comparator.comparing((EmailThread t) -> t.isOwned() ? ownerName(t) : "")
          .thenComparing(OLDEST_FIRST);
    };
  }

  private static String ownerName(EmailThread t) {
    String name = t.owner().name();
    return name == null || name.isBlank() ? t.owner().email() : name;
  }

  private static Instant at(Instant instant) {
    return instant == null ? Instant.EPOCH : instant;
  }
}
