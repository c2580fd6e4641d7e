package io.claimdesk.core.event;

import java.time.Instant;

/**
 * Something that happened to a ticket. {@code version} is the ticket's version after the change, so that a
 * consumer can skip events older than what it already rendered.
 */
public record OutboxEvent(
    long seq, String eventId, String type, String threadId, String actorId, String via, long version, Instant at) {

  /** Event types written by core; other modules may add their own. */
  public static final String CLAIMED = "claimed";
  public static final String UNCLAIMED = "unclaimed";
  public static final String REASSIGNED = "reassigned";
  public static final String AUTO_CLAIMED = "auto_claimed";
  public static final String ASSIGNED = "assigned";
  public static final String RELEASED = "released";
  public static final String STATUS_CHANGED = "status_changed";
  public static final String TICKET_CREATED = "ticket_created";
  public static final String MESSAGE_ADDED = "message_added";
}
