package io.claimdesk.core.voice;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whom a call rings. First the owners of the caller's unresolved tickets who are not offline and take
 * calls; when there are none, or none of them answers, every other active, online member who takes calls, idle
 * longest first (idle: the longest since they last answered a call; members who never answered come first); when
 * nobody is left, or the second step goes unanswered too, voicemail. At most {@link #MAX_RINGEES} ring at once.
 * The team is read at most once per {@link #TEAM_FRESH}.
 */
public final class CallRouter {
  /** Most members one step rings at once. */
  public static final int MAX_RINGEES = 10;
  /** Steps before voicemail: the owners, then everyone else online. */
  private static final int MAX_STEPS = 2;
  /** How many of the caller's open tickets are read for their owners. */
  private static final int TICKETS_READ = 50;
  /**
   * How long the team as read (availability, voice mode, last answers) is used before it is read again: a change
   * reaches routing within this time, and a burst of calls reads the team once, not once per call.
   */
  public static final Duration TEAM_FRESH = Duration.ofSeconds(1);

  private final TicketStore tickets;
  private final ContactStore contacts;
  private final TeamStore team;
  private final CallLogStore calls;
  private final Clock clock;
  private volatile TeamSnapshot snapshot;

  /** The team as read at {@code at}, by id, with when each member last answered a call. */
  private record TeamSnapshot(Instant at, Map<String, TeamMember> byId, Map<String, Instant> lastAnswered) {}

  public CallRouter(TicketStore tickets, ContactStore contacts, TeamStore team, CallLogStore calls, Clock clock) {
    this.tickets = tickets;
    this.contacts = contacts;
    this.team = team;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * A new call from {@code from} (E.164, or whatever the network gave) to {@code to}: its first step, recorded with
   * the call's start in one write. A retried webhook rings whom the first attempt recorded.
   */
  public Route incoming(String callSid, String from, String to) {
    Optional<Contact> contact = from == null || from.isBlank() ? Optional.empty() : contacts.findByPhone(from);
    String callerName = contact.map(c -> CallerNames.of(c, from)).orElse(from == null ? "Unknown caller" : from);
    List<TeamMember> chosen = contact.map(this::owners).orElse(List.of());
    if (chosen.isEmpty()) {
      chosen = everyoneElse(Set.of());
    }
    List<String> ids = chosen.stream().map(TeamMember::id).toList();
    CallLog call = calls.start(callSid, from, to, contact.map(Contact::id).orElse(null), clock.instant(), ids);
    if (!call.steps().isEmpty()) {
      List<String> recorded = call.steps().get(0);
      return recorded.equals(ids) ? ring(0, callerName, chosen) : ringRecorded(0, callerName, recorded);
    }
    if (ids.isEmpty()) {
      return new Route.Voicemail();
    }
    // the first attempt found nobody to ring, this one does
    return step(call, 0, callerName, chosen);
  }

  /**
   * The {@code <Dial>} of the last step ended with {@code dialStatus}: hang up when it was answered, else the next
   * step.
   */
  public Route dialEnded(String callSid, String dialStatus) {
    if ("completed".equals(dialStatus) || "answered".equals(dialStatus)) {
      return new Route.Hangup();
    }
    Optional<CallLog> call = calls.find(callSid);
    if (call.isEmpty()) {
      return new Route.Voicemail();
    }
    if (call.get().answeredBy() != null) {
      return new Route.Hangup();
    }
    if (call.get().steps().size() >= MAX_STEPS) {
      return new Route.Voicemail();
    }
    Optional<Contact> contact = call.get().from() == null ? Optional.empty() : contacts.findByPhone(call.get().from());
    String callerName = contact.map(c -> CallerNames.of(c, call.get().from())).orElse(call.get().from());
    return fallback(call.get(), callerName);
  }

  /**
   * The owners of the contact's unresolved tickets (from its addresses, or opened by a voicemail from one of its
   * numbers: a caller known only by number has no address), newest ticket first, who may be rung.
   */
  private List<TeamMember> owners(Contact contact) {
    Set<String> ids = new LinkedHashSet<>();
    for (EmailThread ticket : tickets.unresolvedFrom(contact.emails(), contact.phones(), TICKETS_READ)) {
      if (ticket.owner() != null) {
        ids.add(ticket.owner().memberId());
      }
    }
    Map<String, TeamMember> members = team().byId();
    return ids.stream().map(members::get)
        .filter(m -> m != null && m.availability() != Availability.OFFLINE && reachable(m))
        .limit(MAX_RINGEES).toList();
  }

  /** The next step: everyone else online, or voicemail when nobody is left. */
  private Route fallback(CallLog call, String callerName) {
    List<TeamMember> chosen = everyoneElse(Set.copyOf(call.rung()));
    return chosen.isEmpty() ? new Route.Voicemail() : step(call, call.steps().size(), callerName, chosen);
  }

  /** Every active, online member who takes calls and is not in {@code rung}, idle longest first, at most ten. */
  private List<TeamMember> everyoneElse(Set<String> rung) {
    TeamSnapshot members = team();
    Map<String, Instant> lastAnswered = members.lastAnswered();
    Comparator<TeamMember> idleLongest = Comparator.comparing(
        (TeamMember m) -> lastAnswered.getOrDefault(m.id(), Instant.MIN)).thenComparing(TeamMember::id);
    return members.byId().values().stream()
        .filter(m -> m.availability() == Availability.ONLINE && reachable(m) && !rung.contains(m.id()))
        .sorted(idleLongest).limit(MAX_RINGEES).toList();
  }

  /** The team as read at most {@link #TEAM_FRESH} ago. */
  private TeamSnapshot team() {
    TeamSnapshot current = snapshot;
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.at().plus(TEAM_FRESH))) {
      Map<String, TeamMember> byId = new LinkedHashMap<>();
      team.all().forEach(m -> byId.put(m.id(), m));
      current = new TeamSnapshot(now, byId, calls.lastAnswered(byId.keySet()));
      snapshot = current;
    }
    return current;
  }

  private Route step(CallLog call, int index, String callerName, List<TeamMember> chosen) {
    List<String> ids = chosen.stream().map(TeamMember::id).toList();
    if (!calls.addStep(call.callSid(), index, ids)) {
      // recorded by a concurrent or earlier attempt of this webhook: ring what it recorded
      List<List<String>> steps = calls.find(call.callSid()).map(CallLog::steps).orElse(List.of());
      if (steps.size() > index) {
        return ringRecorded(index, callerName, steps.get(index));
      }
    }
    return ring(index, callerName, chosen);
  }

  /** Rings the members recorded for a step (a retried webhook): read again, as they were when recorded. */
  private Route ringRecorded(int index, String callerName, List<String> memberIds) {
    Map<String, TeamMember> members = team().byId();
    return ring(index, callerName, memberIds.stream().map(id -> Optional.ofNullable(members.get(id))
        .or(() -> team.find(id))).flatMap(Optional::stream).toList());
  }

  private static Route ring(int index, String callerName, Collection<TeamMember> members) {
    List<Route.Ringee> ringees = members.stream().map(CallRouter::ringee).toList();
    return ringees.isEmpty() ? new Route.Voicemail() : new Route.Ring(index, callerName, ringees);
  }

  private static Route.Ringee ringee(TeamMember member) {
    return new Route.Ringee(member.id(), member.voice() == VoiceMode.PHONE ? member.phone() : null);
  }

  /** Active, taking calls, and with a number when calls go to their phone. */
  private static boolean reachable(TeamMember member) {
    return member.active() && member.voice() != VoiceMode.OFF
        && (member.voice() != VoiceMode.PHONE || (member.phone() != null && !member.phone().isBlank()));
  }
}
