package io.claimdesk.core.event;

import java.time.Instant;
import java.util.List;

/** The outbox log. */
public interface EventOutbox {

  /** Appends an event under the next sequence number and returns it. */
  OutboxEvent append(String type, String threadId, String actorId, String via, long version, Instant at);

  /**
   * The events numbered {@code after + 1 .. after + limit} that exist, in order. A number can be missing for a
   * moment while its writer is between taking the number and writing the event, or for good if it crashed there.
   */
  List<OutboxEvent> readAfter(long after, int limit);

  /** The highest sequence number handed out so far, 0 when none. */
  long head();
}
