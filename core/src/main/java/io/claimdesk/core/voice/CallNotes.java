package io.claimdesk.core.voice;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.team.TeamMember;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Who sees which calls, and notes on them: managers and admins see and annotate every call, agents the calls they
 * were rung for. A note goes to the call log and, dated, to the caller's contact.
 */
public final class CallNotes {
  static final String NOT_YOUR_CALL = "You can only add notes to calls you were rung for";
  static final String NOT_YOUR_CALLS = "Only managers can list other members' calls";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** The result of adding a note. */
  public sealed interface Outcome {
    record Added(CallLog call) implements Outcome {}

    record NotFound() implements Outcome {}

    record NotAllowed(String message) implements Outcome {}
  }

  private final CallLogStore calls;
  private final ContactStore contacts;
  private final Clock clock;

  public CallNotes(CallLogStore calls, ContactStore contacts, Clock clock) {
    this.calls = calls;
    this.contacts = contacts;
    this.clock = clock;
  }

  /**
   * The calls {@code viewer} may see matching {@code query}; an agent naming another member is refused (empty), an
   * agent naming nobody gets their own.
   */
  public Optional<List<CallLog>> list(TeamMember viewer, CallQuery query) {
    if (viewer.role().canManageTickets()) {
      return Optional.of(calls.list(query));
    }
    if (query.memberId() != null && !query.memberId().equals(viewer.id())) {
      return Optional.empty();
    }
    return Optional.of(calls.list(new CallQuery(viewer.id(), query.contactId(), query.from(), query.to(),
        query.limit())));
  }

  /** Adds a note to a call by a member rung on it (or a manager), and to the caller's contact. */
  public Outcome add(String callSid, TeamMember author, String body) {
    Optional<CallLog> call = calls.find(callSid);
    if (call.isEmpty()) {
      return new Outcome.NotFound();
    }
    if (!author.role().canManageTickets() && !call.get().involves(author.id())) {
      return new Outcome.NotAllowed(NOT_YOUR_CALL);
    }
    var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<CallLog> noted = calls.addNote(callSid, new CallLog.Note(author.id(), author.displayName(), body, now));
    if (noted.isEmpty()) {
      return new Outcome.NotFound();
    }
    String contactId = call.get().contactId();
    if (contactId == null && call.get().from() != null && !call.get().from().isBlank()) {
      contactId = contacts.recordCaller(call.get().from()).id();
    }
    if (contactId != null) {
      contacts.appendNote(contactId, STAMP.format(now) + ", call " + call.get().from() + ", "
          + author.displayName() + ": " + body);
    }
    return new Outcome.Added(noted.get());
  }

  /** The message of a refused list. */
  public static String notYourCalls() {
    return NOT_YOUR_CALLS;
  }
}
