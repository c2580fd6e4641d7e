package io.claimdesk.core.voice;

import io.claimdesk.core.Ids;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records what happens to a call: who answered (the first answer wins; the caller's unowned ticket is then claimed
 * by them, as a reply would, and the ticket gets the line "📞 Call from … answered by …"), how it ended, and its
 * voicemail, which becomes a message on the caller's newest open ticket or a new ticket announced like new mail.
 * Twilio retries its webhooks: each of these is recorded once.
 */
public final class CallRecorder {
  /** How many of a caller's tickets, and of their calls, are read to find the ticket a call is about. */
  private static final int CALLER_TICKETS = 20;
  private final TicketStore tickets;
  private final ContactStore contacts;
  private final TeamStore team;
  private final CallLogStore calls;
  private final ClaimService claims;
  private final EventRelay relay;
  private final String mailbox;
  private final Clock clock;

  public CallRecorder(TicketStore tickets, ContactStore contacts, TeamStore team, CallLogStore calls,
      ClaimService claims, EventRelay relay, String mailbox, Clock clock) {
    this.tickets = tickets;
    this.contacts = contacts;
    this.team = team;
    this.calls = calls;
    this.claims = claims;
    this.relay = relay;
    this.mailbox = mailbox;
    this.clock = clock;
  }

  /** The member who takes calls on this phone number, if any. */
  public Optional<TeamMember> memberWithPhone(String phone) {
    return team.all().stream().filter(m -> phone != null && phone.equals(m.phone())).findFirst();
  }

  /** A member answered the call; false when someone had answered it already (or the call is unknown). */
  public boolean answered(String callSid, String memberId) {
    Optional<TeamMember> agent = team.find(memberId);
    if (agent.isEmpty() || !calls.answered(callSid, memberId, clock.instant())) {
      return false;
    }
    CallLog call = calls.find(callSid).orElseThrow();
    Optional<Contact> contact = call.from() == null ? Optional.empty() : contacts.findByPhone(call.from());
    if (contact.isEmpty()) {
      return true;
    }
    List<EmailThread> open = callerTickets(contact.get());
    // the ticket the call is about: one the agent owns already, else the newest nobody owns, else the newest
    Optional<EmailThread> ticket = open.stream().filter(t -> t.isOwnedBy(memberId)).findFirst()
        .or(() -> open.stream().filter(t -> !t.isOwned()).findFirst())
        .or(() -> open.stream().findFirst());
    if (ticket.isEmpty()) {
      return true;
    }
    if (!ticket.get().isOwned()) {
      claims.claimForReply(ticket.get().id(), agent.get(), Via.VOICE);
    }
    String line = "📞 Call from " + CallerNames.of(contact.get(), call.from()) + " answered by "
        + agent.get().displayName();
    append(ticket.get().id(), message(ThreadMessage.Direction.NOTE, agent.get().email(), agent.get().displayName(),
        line, memberId), OutboxEvent.MESSAGE_ADDED, memberId, agent.get().email());
    return true;
  }

  /** A member's leg ended; when it was the leg that answered, the call ended with it. */
  public void legEnded(String callSid, String memberId, Integer duration) {
    calls.find(callSid).filter(call -> memberId.equals(call.answeredBy()))
        .ifPresent(call -> calls.status(callSid, "completed", duration, clock.instant()));
  }

  /** The call's status changed ({@code ended} for a final one); duration in seconds when known. */
  public void status(String callSid, String status, Integer duration, boolean ended) {
    calls.status(callSid, status, duration, ended ? clock.instant() : null);
  }

  /**
   * The caller left a voicemail: a message on their newest open ticket, or a new ticket (a caller nobody knew
   * becomes a contact); the ticket's id, or empty when this recording was recorded before.
   */
  public Optional<String> voicemail(String callSid, String from, String recordingUrl, int seconds) {
    String number = from == null || from.isBlank() ? "an unknown number" : from;
    Contact contact = from == null || from.isBlank() ? null : contacts.recordCaller(from);
    calls.start(callSid, from, null, contact == null ? null : contact.id(), clock.instant());
    if (!calls.recording(callSid, recordingUrl, seconds, contact == null ? null : contact.id())) {
      return Optional.empty();
    }
    String text = "Voicemail from " + number + " (" + seconds + " s): " + recordingUrl;
    String name = contact == null ? number : CallerNames.of(contact, number);
    List<EmailThread> open = contact == null ? List.of() : callerTickets(contact);
    ThreadMessage message = message(ThreadMessage.Direction.VOICEMAIL, null, name, text, null);
    if (!open.isEmpty()) {
      append(open.get(0).id(), message, OutboxEvent.MESSAGE_ADDED, null, number);
      calls.linkTicket(callSid, open.get(0).id());
      return Optional.of(open.get(0).id());
    }
    String threadId = Ids.next();
    String email = contact == null || contact.emails().isEmpty() ? null : contact.emails().get(0);
    NewThread thread = new NewThread(mailbox, "Voicemail from " + number, email, name, TicketStatus.OPEN,
        clock.instant(), contact == null ? null : from);
    TicketEvent event = event(OutboxEvent.TICKET_CREATED, threadId, null, number);
    tickets.insertWithFirstMessage(threadId, thread, message.onThread(threadId), event)
        .ifPresent(opened -> relay.publish(event.withVersion(opened.thread().version())));
    calls.linkTicket(callSid, threadId);
    return Optional.of(threadId);
  }

  /**
   * The caller's unresolved tickets, newest message first: those from their addresses and those a voicemail from
   * one of their numbers opened (a caller known only by number has no address to find them by).
   */
  private List<EmailThread> callerTickets(Contact contact) {
    return tickets.unresolvedFrom(contact.emails(), contact.phones(), CALLER_TICKETS);
  }

  private void append(String threadId, ThreadMessage message, String type, String actorId, String actorEmail) {
    TicketEvent event = event(type, threadId, actorId, actorEmail);
    TicketStore.Appended appended = tickets.append(threadId, message.onThread(threadId), event);
    relay.publish(event.withVersion(appended.thread().version()));
  }

  private ThreadMessage message(ThreadMessage.Direction direction, String from, String fromName, String text,
      String authorId) {
    Instant now = clock.instant();
    return new ThreadMessage(null, null, direction, null, null, List.of(), from, fromName, List.of(), List.of(), now,
        text, null, List.of(), authorId);
  }

  private TicketEvent event(String type, String threadId, String actorId, String actorEmail) {
    return new TicketEvent(Ids.next(), type, threadId, actorId, actorEmail, null, null, null, null, Via.VOICE.value(),
        0, clock.instant());
  }
}
