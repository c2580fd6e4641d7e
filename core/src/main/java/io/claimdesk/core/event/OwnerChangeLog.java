package io.claimdesk.core.event;

import java.util.List;

/**
 * Where the relay copies the events that change a ticket's owner: the assignment history, which translates them
 * into its own typed records. Declared here so that the relay needs no claim package.
 */
public interface OwnerChangeLog {

  /** Stores these owner-changing events; idempotent by event id. */
  void appendOwnerChanges(List<TicketEvent> ownerChanges);
}
