package io.claimdesk.core.ticket;

import io.claimdesk.core.event.RecordedEvents;
import io.claimdesk.core.event.TicketEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Stores tickets and their messages. Ownership changes are atomic compare-and-set operations. */
public interface TicketStore extends RecordedEvents {
  /**
   * How many of its latest events a ticket keeps in its own document: enough to cover the relay's lag of a few
   * milliseconds, small enough not to weigh on every read of the ticket.
   */
  int RECENT_EVENTS = 8;

  /** The ticket with this id, if any; ids that are not valid ids are simply not found. */
  Optional<EmailThread> find(String threadId);

  /**
   * Sets the owner to {@code newOwner} (null to unassign) only if the current owner's member id is
   * {@code expectedOwnerId} (null meaning unassigned, a missing field included), and records {@code event} (may be
   * null, for changes nobody needs to hear of) on the ticket in the same atomic update; the updated ticket, or empty when the ticket is missing or its owner was
   * not the expected one (then nothing is recorded).
   */
  Optional<EmailThread> compareAndSetOwner(String threadId, String expectedOwnerId, Owner newOwner, TicketEvent event);

  /**
   * Sets the status only if the owner is still {@code expectedOwnerId} (null meaning unassigned), recording
   * {@code event} on the ticket in the same update; the updated ticket, or empty when the ticket is missing or its
   * owner changed.
   */
  Optional<EmailThread> setStatus(String threadId, String expectedOwnerId, TicketStatus status, TicketEvent event);

  /** Opens a ticket and returns it with its new id. */
  EmailThread insert(NewThread thread);

  /**
   * Opens a ticket under a given id unless one exists with it; the ticket with that id either way. Retrying the
   * creation of a ticket under the id reserved for it therefore never makes a second one.
   */
  EmailThread insertIfAbsent(String threadId, NewThread thread);

  /**
   * Opens a ticket under {@code threadId} holding {@code message} as its first, with {@code event} (may be null)
   * recorded on it: what {@link #insertIfAbsent} then {@link #append} do, in two writes instead of three. Empty,
   * having changed nothing the other two would not, when the ticket or its first message exists already; the caller
   * then goes on with those two.
   */
  Optional<Appended> insertWithFirstMessage(String threadId, NewThread thread, ThreadMessage message,
      TicketEvent event);

  /** The ticket whose reply tag is {@code tag}, if any. */
  Optional<EmailThread> findByTag(String tag);

  /**
   * Appends a message to the thread, updating its counters and recording {@code event} (may be null) on it;
   * the stored message with its id. Safe to repeat after a crash cut an earlier append of the same message (same
   * Message-ID) short: the message is stored once and counted once, and the event recorded with the count.
   */
  default ThreadMessage appendMessage(String threadId, ThreadMessage message, TicketEvent event) {
    return append(threadId, message, event).message();
  }

  /** As {@link #appendMessage}; also the ticket as the append left it, which saves reading it again. */
  Appended append(String threadId, ThreadMessage message, TicketEvent event);

  /** A message just appended, and its ticket right after. */
  record Appended(ThreadMessage message, EmailThread thread) {}

  /**
   * The events recorded on tickets at or after {@code from} and before {@code to}. Each ticket keeps its latest
   * {@link #RECENT_EVENTS} events, relayed or not: the relay's sweep finds there what a crash left unrelayed.
   */
  @Override
  List<TicketEvent> recentEvents(Instant from, Instant to);

  /** The tickets with these ids, in the order given; ids that do not exist are left out. */
  List<EmailThread> findAll(List<String> threadIds);

  /** Calls {@code action} with every ticket that is not resolved, in no particular order. */
  void forEachUnresolved(Consumer<EmailThread> action);

  /** The messages of a thread, oldest first. */
  List<ThreadMessage> messages(String threadId);

  /** The {@code number}-th message of a thread (1 is the first), if it exists; reads that message alone. */
  Optional<ThreadMessage> message(String threadId, int number);

  /**
   * Records a chat message posted for the ticket in its {@code chat} field (once per reference). Not a change of
   * the ticket: no version, no event.
   */
  void addChatPost(String threadId, ChatPost post);

  /**
   * Tickets matching the query in its order (newest first by default), one page at a time; with {@code q}, the
   * snippet of each ticket whose messages hold a hit.
   */
  TicketPage list(TicketQuery query);

  /** Calls {@code action} with every ticket and its search text, in no particular order. */
  void forEachSearchable(Consumer<SearchableTicket> action);

  /** One ticket with its search text, if it exists. */
  Optional<SearchableTicket> searchable(String threadId);

  /**
   * The text around the first hit of {@code words} (as {@link TicketQuery#words()} gives them) in the messages of
   * each of these tickets, by ticket id; tickets whose messages hold none are left out.
   */
  Map<String, Snippet> snippets(List<String> threadIds, List<String> words);

  /** Tickets owned by the member that are not resolved, oldest first. */
  List<EmailThread> ownedBy(String memberId, int limit);

  /**
   * Tickets from any of these customer addresses (compared as stored, so pass them as mail ingestion stores them)
   * that are not resolved, newest message first.
   */
  default List<EmailThread> unresolvedFrom(Collection<String> customerEmails, int limit) {
    return unresolvedFrom(customerEmails, List.of(), limit);
  }

  /**
   * A contact's open tickets: those from any of these addresses or opened by a voicemail from any of these numbers
   * (E.164, as stored), not resolved, newest message first, each once; answered from an index, not a scan.
   */
  List<EmailThread> unresolvedFrom(Collection<String> customerEmails, Collection<String> customerPhones, int limit);

  /** Tickets nobody owns that are not resolved, oldest first. */
  List<EmailThread> unassigned(int limit);

  /** The activity times of every ticket that is not resolved or arrived at or after {@code receivedSince}. */
  List<TicketActivity> activity(Instant receivedSince);

  /** The activity times of one ticket, if it exists. */
  Optional<TicketActivity> activityOf(String threadId);

  /** How many tickets exist. */
  long count();
}
