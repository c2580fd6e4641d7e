package io.claimdesk.core.ticket;

import io.claimdesk.core.event.TicketEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores tickets and their messages. Ownership changes are atomic compare-and-set operations. */
public interface TicketStore {

  /** The ticket with this id, if any; ids that are not valid ids are simply not found. */
  Optional<EmailThread> find(String threadId);

  /**
   * Sets the owner to {@code newOwner} (null to unassign) only if the current owner's member id is
   * {@code expectedOwnerId} (null meaning unassigned, a missing field included), and records {@code event} as
   * pending in the same atomic update; the updated ticket, or empty when the ticket is missing or its owner was
   * not the expected one (then nothing is recorded).
   */
  Optional<EmailThread> compareAndSetOwner(String threadId, String expectedOwnerId, Owner newOwner, TicketEvent event);

  /**
   * Sets the status only if the owner is still {@code expectedOwnerId} (null meaning unassigned), recording
   * {@code event} as pending in the same update; the updated ticket, or empty when the ticket is missing or its
   * owner changed.
   */
  Optional<EmailThread> setStatus(String threadId, String expectedOwnerId, TicketStatus status, TicketEvent event);

  /** Opens a ticket and returns it with its new id. */
  EmailThread insert(NewThread thread);

  /**
   * Appends a message to the thread, updating its counters and recording {@code event} (may be null) as pending;
   * the stored message with its id.
   */
  ThreadMessage appendMessage(String threadId, ThreadMessage message, TicketEvent event);

  /** Events recorded as pending before {@code before} that the relay has not cleared: left by a crash. */
  List<TicketEvent> pendingEvents(Instant before, int limit);

  /** Clears relayed events from their tickets. */
  void clearPendingEvents(List<TicketEvent> events);

  /** The messages of a thread, oldest first. */
  List<ThreadMessage> messages(String threadId);

  /** Tickets matching the query, newest first, one page at a time. */
  TicketPage list(TicketQuery query);

  /** Tickets owned by the member that are not resolved, oldest first. */
  List<EmailThread> ownedBy(String memberId, int limit);

  /** Tickets nobody owns that are not resolved, oldest first. */
  List<EmailThread> unassigned(int limit);

  /** How many tickets exist. */
  long count();
}
