package io.claimdesk.core.claim;

import java.util.List;

/** The append-only history of ownership changes ({@code assignment_events}). */
public interface AssignmentLog {

  /** Appends the event and returns it with its id. */
  AssignmentEvent append(AssignmentEvent event);

  /** The history of one ticket, oldest first. */
  List<AssignmentEvent> history(String threadId);

  /** How many events of this action the ticket has. */
  long count(String threadId, AssignmentAction action);
}
