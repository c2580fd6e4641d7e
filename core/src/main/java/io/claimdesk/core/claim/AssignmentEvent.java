package io.claimdesk.core.claim;

import io.claimdesk.core.event.TicketEvent;
import java.time.Instant;

/** One change of a ticket's owner, kept forever as the ticket's assignment history. */
public record AssignmentEvent(
    String id,
    String threadId,
    AssignmentAction action,
    String actorId,
    String actorEmail,
    String previousOwnerId,
    String previousOwnerEmail,
    String newOwnerId,
    String newOwnerEmail,
    Via via,
    Instant at) {

  /** The history's record of an owner-changing ticket event, under the same id. */
  public static AssignmentEvent of(TicketEvent e) {
    return new AssignmentEvent(e.id(), e.threadId(), AssignmentAction.of(e.type()), e.actorId(), e.actorEmail(),
        e.previousOwnerId(), e.previousOwnerEmail(), e.newOwnerId(), e.newOwnerEmail(), Via.of(e.via()), e.at());
  }
}
