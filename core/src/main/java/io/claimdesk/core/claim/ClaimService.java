package io.claimdesk.core.claim;

import io.claimdesk.core.claim.ClaimOutcome.AlreadyClaimed;
import io.claimdesk.core.claim.ClaimOutcome.Invalid;
import io.claimdesk.core.claim.ClaimOutcome.NotAllowed;
import io.claimdesk.core.claim.ClaimOutcome.NotFound;
import io.claimdesk.core.claim.ClaimOutcome.Won;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import io.claimdesk.core.Ids;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The claim rules: an active member claims an unowned ticket (or replies to it, which claims it); the owner, a
 * manager or an admin unclaims it; managers and admins reassign it; the owner, a manager or an admin changes its
 * status, and anyone does while it is unowned. Every decision ends in one compare-and-set on the ticket's owner,
 * so two members acting at the same instant cannot both win; when a compare-and-set loses, the rule is decided
 * again on what the ticket looks like now. Each change carries its event in that same update; the
 * {@link EventRelay} then appends it to the assignment history and the event outbox.
 */
public final class ClaimService {
  static final String INACTIVE = "Your account is deactivated";
  static final String UNCLAIM_NOT_OWNER = "You can only unclaim your own tickets";
  static final String REASSIGN_NOT_MANAGER = "Only managers can reassign tickets";
  static final String STATUS_NOT_OWNER = "You can only change the status of your own tickets";
  static final String NO_SUCH_MEMBER = "Team member not found or inactive";
  static final String NOTE_EMPTY = "Note must not be empty";
  /** Longest note: a note is read on a page and in chat, not a document store. */
  public static final int MAX_NOTE_CHARS = 10_000;
  static final String NOTE_TOO_LONG = "Note is longer than " + MAX_NOTE_CHARS + " characters";
  private static final int MAX_ATTEMPTS = 16;

  private final TicketStore tickets;
  private final TeamStore team;
  private final EventRelay relay;
  private final Clock clock;

  public ClaimService(TicketStore tickets, TeamStore team, EventRelay relay, Clock clock) {
    this.tickets = tickets;
    this.team = team;
    this.relay = relay;
    this.clock = clock;
  }

  /** Claims an unowned ticket; claiming your own ticket again succeeds and changes nothing. */
  public ClaimOutcome claim(String threadId, TeamMember actor, Via via) {
    return take(threadId, actor, via, AssignmentAction.CLAIMED);
  }

  /**
   * May this member reply? Yes when they own the ticket, or when nobody does, in which case they now own it
   * (auto-claim). Refused with the owner's email when someone else owns it: then nothing must be sent.
   */
  public ClaimOutcome claimForReply(String threadId, TeamMember actor, Via via) {
    return take(threadId, actor, via, AssignmentAction.AUTO_CLAIMED);
  }

  private ClaimOutcome take(String threadId, TeamMember actor, Via via, AssignmentAction action) {
    if (!actor.active()) {
      return new NotAllowed(INACTIVE);
    }
    // compare-and-set first: an unowned ticket, the common case, is taken in one write without reading it
    return untilDecided(threadId, () -> {
      Owner me = new Owner(actor.id(), actor.email(), actor.name(), clock.instant());
      TicketEvent event = event(action.value(), threadId, actor, null, me, via);
      return published(event, tickets.compareAndSetOwner(threadId, null, me, event))
          .or(() -> whyTakeLost(threadId, actor));
    });
  }

  /** The outcome of a take whose compare-and-set lost; empty when the ticket is unowned again, to decide again. */
  private Optional<ClaimOutcome> whyTakeLost(String threadId, TeamMember actor) {
    Optional<EmailThread> current = tickets.find(threadId);
    if (current.isEmpty()) {
      return decided(new NotFound());
    }
    if (current.get().isOwnedBy(actor.id())) {
      return decided(new Won(current.get()));
    }
    if (current.get().isOwned()) {
      return decided(new AlreadyClaimed(current.get()));
    }
    // Unowned again: it was unclaimed between the compare-and-set and the read.
    return Optional.empty();
  }

  /**
   * The assignment policy claims an unowned ticket for {@code member} ({@code assigned}, nobody acting): the same
   * compare-and-set as a claim, so it never takes a ticket someone else holds. Won only when this call set it.
   */
  public ClaimOutcome assign(String threadId, TeamMember member) {
    if (!member.active()) {
      return new Invalid(NO_SUCH_MEMBER);
    }
    Owner next = new Owner(member.id(), member.email(), member.name(), clock.instant());
    TicketEvent event = systemEvent(AssignmentAction.ASSIGNED.value(), threadId, null, next);
    return published(event, tickets.compareAndSetOwner(threadId, null, next, event))
        .orElseGet(() -> tickets.find(threadId).<ClaimOutcome>map(AlreadyClaimed::new).orElse(new NotFound()));
  }

  /**
   * The assignment policy gives the ticket of {@code ownerId} back to the queue ({@code released}); refused as
   * already claimed when the owner changed meanwhile.
   */
  public ClaimOutcome release(String threadId, Owner owner) {
    TicketEvent event = systemEvent(AssignmentAction.RELEASED.value(), threadId, owner, null);
    return published(event, tickets.compareAndSetOwner(threadId, owner.memberId(), null, event))
        .map(won -> backToOpen(won, systemEvent(OutboxEvent.STATUS_CHANGED, threadId, null, null)))
        .orElseGet(() -> tickets.find(threadId).<ClaimOutcome>map(AlreadyClaimed::new).orElse(new NotFound()));
  }

  /** Gives a ticket up: its owner may, and so may managers and admins. Unclaiming an unowned ticket is a no-op. */
  public ClaimOutcome unclaim(String threadId, TeamMember actor, Via via) {
    if (!actor.active()) {
      return new NotAllowed(INACTIVE);
    }
    return untilDecided(threadId, () -> {
      Optional<EmailThread> current = tickets.find(threadId);
      if (current.isEmpty()) {
        return decided(new NotFound());
      }
      Owner previous = current.get().owner();
      if (previous == null) {
        return decided(new Won(current.get()));
      }
      if (!previous.memberId().equals(actor.id()) && !actor.role().canManageTickets()) {
        return decided(new NotAllowed(UNCLAIM_NOT_OWNER));
      }
      TicketEvent event = event(AssignmentAction.UNCLAIMED.value(), threadId, actor, previous, null, via);
      return published(event, tickets.compareAndSetOwner(threadId, previous.memberId(), null, event))
          .map(won -> backToOpen(won, event(OutboxEvent.STATUS_CHANGED, threadId, actor, null, null, via)));
    });
  }

  /**
   * A ticket given back to the queue is not in progress any more: an in-progress one goes back to open (waiting and
   * resolved stay as they are). A second compare-and-set on the owner being still nobody; when someone claimed it
   * in between, it is theirs and in progress, and the release stands as it is.
   */
  private ClaimOutcome backToOpen(ClaimOutcome released, TicketEvent statusEvent) {
    EmailThread thread = ((Won) released).thread();
    if (thread.status() != TicketStatus.IN_PROGRESS) {
      return released;
    }
    return published(statusEvent, tickets.setStatus(thread.id(), null, TicketStatus.OPEN, statusEvent))
        .orElse(released);
  }

  /** Hands a ticket to another active member; managers and admins only. */
  public ClaimOutcome reassign(String threadId, TeamMember actor, String memberId, Via via) {
    if (!actor.active() || !actor.role().canManageTickets()) {
      return new NotAllowed(actor.active() ? REASSIGN_NOT_MANAGER : INACTIVE);
    }
    if (tickets.find(threadId).isEmpty()) {
      return new NotFound();
    }
    Optional<TeamMember> target = team.find(memberId).filter(TeamMember::active);
    if (target.isEmpty()) {
      return new Invalid(NO_SUCH_MEMBER);
    }
    return untilDecided(threadId, () -> {
      Optional<EmailThread> current = tickets.find(threadId);
      if (current.isEmpty()) {
        return decided(new NotFound());
      }
      if (current.get().isOwnedBy(memberId)) {
        return decided(new Won(current.get()));
      }
      Owner previous = current.get().owner();
      Owner next = new Owner(target.get().id(), target.get().email(), target.get().name(), clock.instant());
      TicketEvent event = event(AssignmentAction.REASSIGNED.value(), threadId, actor, previous, next, via);
      return published(event,
          tickets.compareAndSetOwner(threadId, previous == null ? null : previous.memberId(), next, event));
    });
  }

  /** Changes the status: the owner, a manager or admin, or anyone while the ticket is unowned. */
  public ClaimOutcome changeStatus(String threadId, TeamMember actor, TicketStatus status, Via via) {
    if (!actor.active()) {
      return new NotAllowed(INACTIVE);
    }
    return untilDecided(threadId, () -> {
      Optional<EmailThread> current = tickets.find(threadId);
      if (current.isEmpty()) {
        return decided(new NotFound());
      }
      Owner owner = current.get().owner();
      if (owner != null && !owner.memberId().equals(actor.id()) && !actor.role().canManageTickets()) {
        return decided(new NotAllowed(STATUS_NOT_OWNER));
      }
      if (current.get().status() == status) {
        return decided(new Won(current.get()));
      }
      TicketEvent event = event(OutboxEvent.STATUS_CHANGED, threadId, actor, owner, owner, via);
      return published(event, tickets.setStatus(threadId, owner == null ? null : owner.memberId(), status, event));
    });
  }

  /**
   * Writes an internal note on the ticket: any active member, on any ticket, whoever owns it. A note is never mailed
   * and claims nothing; it is a message with direction {@code note}, so lists that ask whether the customer is
   * waiting for an answer (inbound versus outbound) pass over it.
   */
  public NoteOutcome note(String threadId, TeamMember actor, String body, Via via) {
    if (!actor.active()) {
      return new NoteOutcome.Refused(new NotAllowed(INACTIVE));
    }
    if (body == null || body.isBlank()) {
      return new NoteOutcome.Refused(new Invalid(NOTE_EMPTY));
    }
    if (body.length() > MAX_NOTE_CHARS) {
      return new NoteOutcome.Refused(new Invalid(NOTE_TOO_LONG));
    }
    if (tickets.find(threadId).isEmpty()) {
      return new NoteOutcome.Refused(new NotFound());
    }
    Instant now = clock.instant();
    TicketEvent event = new TicketEvent(Ids.next(), OutboxEvent.MESSAGE_ADDED, threadId, actor.id(), actor.email(),
        null, null, null, null, via.value(), 0, now);
    ThreadMessage note = new ThreadMessage(null, threadId, ThreadMessage.Direction.NOTE, null, null, List.of(),
        actor.email(), actor.displayName(), List.of(), List.of(), now, body.strip(), null, List.of(), actor.id());
    TicketStore.Appended appended = tickets.append(threadId, note, event);
    relay.publish(event.withVersion(appended.thread().version()));
    return new NoteOutcome.Added(appended.message(), appended.thread());
  }

  /**
   * Makes attempts at a rule until one decides, at most {@link #MAX_ATTEMPTS}. An attempt reads the ticket,
   * decides, and ends in a compare-and-set; it returns empty when that compare-and-set lost to another change,
   * and the next attempt decides again on what the ticket looks like now.
   */
  private static ClaimOutcome untilDecided(String threadId, Supplier<Optional<ClaimOutcome>> attempt) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Optional<ClaimOutcome> outcome = attempt.get();
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    throw keptChanging(threadId);
  }

  /** A change that landed wins, its event handed to the relay with the version it produced; empty if it lost. */
  private Optional<ClaimOutcome> published(TicketEvent event, Optional<EmailThread> updated) {
    updated.ifPresent(thread -> relay.publish(event.withVersion(thread.version())));
    return updated.map(Won::new);
  }

  private static Optional<ClaimOutcome> decided(ClaimOutcome outcome) {
    return Optional.of(outcome);
  }

  /** Every attempt lost a compare-and-set to another change: a bug or a pathological storm of changes. */
  private static IllegalStateException keptChanging(String threadId) {
    return new IllegalStateException("ticket " + threadId + " kept changing owner during " + MAX_ATTEMPTS + " attempts");
  }

  private TicketEvent systemEvent(String type, String threadId, Owner previous, Owner next) {
    return new TicketEvent(Ids.next(), type, threadId, null, null,
        previous == null ? null : previous.memberId(), previous == null ? null : previous.email(),
        next == null ? null : next.memberId(), next == null ? null : next.email(), Via.POLICY.value(), 0,
        clock.instant());
  }

  private TicketEvent event(String type, String threadId, TeamMember actor, Owner previous, Owner next, Via via) {
    return new TicketEvent(Ids.next(), type, threadId, actor.id(), actor.email(),
        previous == null ? null : previous.memberId(), previous == null ? null : previous.email(),
        next == null ? null : next.memberId(), next == null ? null : next.email(), via.value(), 0, clock.instant());
  }
}
