package io.claimdesk.core.event;

import java.util.List;

/** The outbox log. */
public interface EventOutbox {

  /**
   * Appends the events under the next sequence numbers, in order. Idempotent: an event whose id is already in the
   * outbox is not added again (its number then stays empty, and readers step over it after their gap timeout).
   */
  void appendAll(List<TicketEvent> events);

  /**
   * The events numbered {@code after + 1 .. after + limit} that exist, in order. A number can be missing for a
   * moment while its writer is between taking the number and writing the event, or for good if it crashed there.
   */
  List<OutboxEvent> readAfter(long after, int limit);

  /** The highest sequence number handed out so far, 0 when none. */
  long head();
}
