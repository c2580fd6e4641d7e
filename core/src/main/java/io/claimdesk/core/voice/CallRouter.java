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
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides whom a call rings. First the owners of the caller's unresolved tickets who are not offline and take
 * calls; when there are none, or none of them answers, every other active, online member who takes calls, idle
 * longest first (idle: the longest since they last answered a call; members who never answered come first); when
 * nobody is left, or the second step goes unanswered too, voicemail. At most {@link #MAX_RINGEES} ring at once.
 */
public final class CallRouter {
  /** Most members one step rings at once. */
  public static final int MAX_RINGEES = 10;
  /** Steps before voicemail: the owners, then everyone else online. */
  private static final int MAX_STEPS = 2;
  /** How many of the caller's open tickets are read for their owners. */
  private static final int TICKETS_READ = 50;

  private final TicketStore tickets;
  private final ContactStore contacts;
  private final TeamStore team;
  private final CallLogStore calls;
  private final Clock clock;

  public CallRouter(TicketStore tickets, ContactStore contacts, TeamStore team, CallLogStore calls, Clock clock) {
    this.tickets = tickets;
    this.contacts = contacts;
    this.team = team;
    this.calls = calls;
    this.clock = clock;
  }

  /** A new call from {@code from} (E.164, or whatever the network gave) to {@code to}: its first step. */
  public Route incoming(String callSid, String from, String to) {
    Optional<Contact> contact = from == null || from.isBlank() ? Optional.empty() : contacts.findByPhone(from);
    CallLog call = calls.start(callSid, from, to, contact.map(Contact::id).orElse(null), clock.instant());
    String callerName = contact.map(c -> CallerNames.of(c, from)).orElse(from == null ? "Unknown caller" : from);
    if (!call.steps().isEmpty()) {
      return ring(0, callerName, call.steps().get(0)); // a retried webhook: ring who the first attempt rang
    }
    Map<String, TeamMember> members = team.all().stream()
        .collect(Collectors.toMap(TeamMember::id, Function.identity()));
    List<TeamMember> owners = contact.map(c -> owners(c, members)).orElse(List.of());
    if (!owners.isEmpty()) {
      return step(call, 0, callerName, owners);
    }
    return fallback(call, callerName, members.values());
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
    return fallback(call.get(), callerName, team.all());
  }

  /** The owners of the contact's unresolved tickets, newest ticket first, who may be rung. */
  private List<TeamMember> owners(Contact contact, Map<String, TeamMember> members) {
    if (contact.emails().isEmpty()) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (EmailThread ticket : tickets.unresolvedFrom(contact.emails(), TICKETS_READ)) {
      if (ticket.owner() != null) {
        ids.add(ticket.owner().memberId());
      }
    }
    return ids.stream().map(members::get)
        .filter(m -> m != null && m.availability() != Availability.OFFLINE && reachable(m))
        .limit(MAX_RINGEES).toList();
  }

  /** Every active, online member who takes calls and was not rung yet, idle longest first. */
  private Route fallback(CallLog call, String callerName, java.util.Collection<TeamMember> members) {
    Set<String> rung = Set.copyOf(call.rung());
    List<TeamMember> candidates = members.stream()
        .filter(m -> m.availability() == Availability.ONLINE && reachable(m) && !rung.contains(m.id()))
        .toList();
    if (candidates.isEmpty()) {
      return new Route.Voicemail();
    }
    Map<String, Instant> lastAnswered = calls.lastAnswered(candidates.stream().map(TeamMember::id).toList());
    Comparator<TeamMember> idleLongest = Comparator.comparing(
        (TeamMember m) -> lastAnswered.getOrDefault(m.id(), Instant.MIN)).thenComparing(TeamMember::id);
    List<TeamMember> chosen = candidates.stream().sorted(idleLongest).limit(MAX_RINGEES).toList();
    return step(call, call.steps().size(), callerName, chosen);
  }

  private Route step(CallLog call, int index, String callerName, List<TeamMember> chosen) {
    List<String> ids = chosen.stream().map(TeamMember::id).toList();
    if (!calls.addStep(call.callSid(), index, ids)) {
      // recorded by a concurrent or earlier attempt of this webhook: ring what it recorded
      List<List<String>> steps = calls.find(call.callSid()).map(CallLog::steps).orElse(List.of());
      if (steps.size() > index) {
        return ring(index, callerName, steps.get(index));
      }
    }
    return new Route.Ring(index, callerName, chosen.stream().map(CallRouter::ringee).toList());
  }

  private Route ring(int index, String callerName, List<String> memberIds) {
    List<Route.Ringee> ringees = memberIds.stream().map(team::find).flatMap(Optional::stream)
        .map(CallRouter::ringee).toList();
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
