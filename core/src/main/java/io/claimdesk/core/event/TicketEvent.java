package io.claimdesk.core.event;

import java.time.Instant;

/**
 * A change to a ticket, written into the ticket document by the same update that makes the change (so the two
 * cannot be separated by a crash) and then relayed to {@code assignment_events} and the outbox by
 * {@link EventRelay}. Owner fields are null for events that do not change the owner. {@code type} is one of the
 * {@link OutboxEvent} type names.
 */
public record TicketEvent(
    String id,
    String type,
    String threadId,
    String actorId,
    String actorEmail,
    String previousOwnerId,
    String previousOwnerEmail,
    String newOwnerId,
    String newOwnerEmail,
    String via,
    long version,
    Instant at) {

  /** The same event with the ticket version it produced, known once the update has been made. */
  public TicketEvent withVersion(long ticketVersion) {
    return new TicketEvent(id, type, threadId, actorId, actorEmail, previousOwnerId, previousOwnerEmail, newOwnerId,
        newOwnerEmail, via, ticketVersion, at);
  }

  /** True for claims, unclaims, reassignments and auto-claims, which also go to the assignment history. */
  public boolean changesOwner() {
    return switch (type) {
      case OutboxEvent.CLAIMED, OutboxEvent.UNCLAIMED, OutboxEvent.REASSIGNED, OutboxEvent.AUTO_CLAIMED,
          OutboxEvent.ASSIGNED, OutboxEvent.RELEASED -> true;
      default -> false;
    };
  }
}
