package io.claimdesk.core.event;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /** The saved position of a named consumer (the last sequence number it has handled), 0 when it has none. */
  long position(String consumer);

  /** Saves a consumer's position; a lower value than the saved one is ignored. */
  void savePosition(String consumer, long seq);

  /** Which of these event ids are in the outbox already. */
  Set<String> existing(Collection<String> eventIds);

  /** Until when the relay's sweep has checked that every recorded event reached the outbox, if it ever did. */
  Optional<Instant> sweptUntil();

  /** Records how far the relay's sweep has checked. */
  void sweptUntil(Instant until);
}
