package io.claimdesk.core.claim;

import io.claimdesk.core.event.OwnerChangeLog;
import io.claimdesk.core.event.TicketEvent;
import java.time.Instant;
import java.util.List;

/** The append-only history of ownership changes ({@code assignment_events}). */
public interface AssignmentLog extends OwnerChangeLog {

  /** Appends the relayed owner changes as assignment events (same ids, so as idempotent as {@link #appendAll}). */
  @Override
  default void appendOwnerChanges(List<TicketEvent> ownerChanges) {
    appendAll(ownerChanges.stream().map(AssignmentEvent::of).toList());
  }

  /** Appends the events; idempotent: an event whose id is already stored is not stored again. */
  void appendAll(List<AssignmentEvent> events);

  /** The history of one ticket, oldest first. */
  List<AssignmentEvent> history(String threadId);

  /** Every event at or after {@code from}, oldest first. */
  List<AssignmentEvent> since(Instant from);

  /** How many events of this action the ticket has. */
  long count(String threadId, AssignmentAction action);
}
