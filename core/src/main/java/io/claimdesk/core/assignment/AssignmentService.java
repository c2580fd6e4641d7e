package io.claimdesk.core.assignment;

import io.claimdesk.core.Ids;
import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands unowned tickets to members under the team's policy. Each hand-out is one compare-and-set: a claim on
 * {@code assignedTo: null}, or an offer stored under the ticket's id, so two instances never give one ticket to
 * two members. Within an instance the decisions are serialised (they are short), which also keeps capacity exact
 * there; across instances a member may exceed capacity by the hand-outs made at the same instant elsewhere.
 */
public final class AssignmentService {
  static final String POLICY_NOT_MANAGER = "Only managers can change the assignment policy";
  static final String REASSIGN_NOT_MANAGER = "Only managers can reassign tickets";
  private static final int SWEEP_BATCH = 200;
  private static final int MOST_LOAD_COUNTED = 10_000;

  private final TicketStore tickets;
  private final TeamStore team;
  private final ClaimService claims;
  private final AssignmentStores stores;
  private final AssignmentLog log;
  private final Clock clock;
  private final AssignmentNotices notices;

  /** What one attempt to hand a ticket out did. */
  public enum Result { ASSIGNED, OFFERED, WAITING, SKIPPED }

  public AssignmentService(TicketStore tickets, TeamStore team, ClaimService claims, AssignmentStores stores,
      AssignmentLog log, Clock clock) {
    this(tickets, team, claims, stores, log, clock, AssignmentNotices.NONE);
  }

  /** As above, telling {@code notices} of every offer, answer, nudge and release once it is made. */
  public AssignmentService(TicketStore tickets, TeamStore team, ClaimService claims, AssignmentStores stores,
      AssignmentLog log, Clock clock, AssignmentNotices notices) {
    this.tickets = tickets;
    this.team = team;
    this.claims = claims;
    this.stores = stores;
    this.log = log;
    this.clock = clock;
    this.notices = notices;
  }

  /** The team's policy; manual until a manager saves one. */
  public AssignmentPolicy policy() {
    return stores.settings().assignmentPolicy().orElse(AssignmentPolicy.MANUAL);
  }

  /** Saves the policy (managers and admins only) and hands out what waits under it; the refusal, if any. */
  public Optional<String> changePolicy(TeamMember actor, AssignmentPolicy policy) {
    if (!actor.active() || !actor.role().canManageTickets()) {
      return Optional.of(POLICY_NOT_MANAGER);
    }
    stores.settings().saveAssignmentPolicy(policy);
    assignWaiting();
    return Optional.empty();
  }

  /** Hands out one ticket if it is open, unowned, not on offer and someone can take it. */
  public synchronized Result assign(String threadId) {
    AssignmentPolicy policy = policy();
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (!policy.automatic() || ticket.isEmpty() || !waiting(ticket.get())
        || stores.offers().openFor(threadId).isPresent()) {
      return Result.SKIPPED;
    }
    // a ticket that was just declined or left to expire goes to someone else first
    Set<String> excluded = policy.offer() ? stores.offers().lastClosed(threadId)
        .filter(o -> o.status() != Offer.Status.ACCEPTED).map(o -> Set.of(o.memberId())).orElse(Set.of()) : Set.of();
    return handOut(ticket.get(), policy, excluded);
  }

  /**
   * Hands out waiting tickets, oldest first, until nobody has room: after someone came online, resolved or gave up
   * a ticket, or got more capacity. The number handed out (claimed or offered).
   */
  public synchronized int assignWaiting() {
    AssignmentPolicy policy = policy();
    if (!policy.automatic()) {
      return 0;
    }
    int handedOut = 0;
    while (true) {
      // tickets on offer are unassigned too: read past them, and skip them without a read of their own
      Set<String> onOffer = stores.offers().allOpen().stream().map(Offer::threadId).collect(Collectors.toSet());
      List<EmailThread> batch = tickets.unassigned(SWEEP_BATCH + onOffer.size());
      int before = handedOut;
      for (EmailThread ticket : batch) {
        if (onOffer.contains(ticket.id())) {
          continue;
        }
        Result result = assign(ticket.id());
        if (result == Result.ASSIGNED || result == Result.OFFERED) {
          handedOut++;
        } else if (result == Result.WAITING && pick(policy, Set.of()).isEmpty()) {
          return handedOut;
        }
      }
      if (handedOut == before || batch.size() < SWEEP_BATCH + onOffer.size()) {
        return handedOut;
      }
    }
  }

  /**
   * A resolved ticket came back to life: under an automatic policy its owner keeps it as {@code reopenToOwner}
   * says, otherwise it is released and handed out to someone else; an unowned one is handed out.
   */
  public synchronized Result reopened(String threadId) {
    AssignmentPolicy policy = policy();
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (!policy.automatic() || ticket.isEmpty() || ticket.get().status() == TicketStatus.RESOLVED) {
      return Result.SKIPPED;
    }
    Owner owner = ticket.get().owner();
    if (owner == null) {
      return assign(threadId);
    }
    boolean keeps = switch (policy.reopenToOwner()) {
      case ALWAYS -> true;
      case IF_ONLINE -> team.find(owner.memberId()).filter(m -> m.active() && m.availability() == Availability.ONLINE)
          .isPresent();
      case NEVER -> false;
    };
    if (keeps || !(claims.release(threadId, owner) instanceof ClaimOutcome.Won released)) {
      return Result.SKIPPED;
    }
    return handOut(released.thread(), policy, Set.of(owner.memberId()));
  }

  /** Accepts an offer: only its member, while it is open; the member then owns the ticket ({@code via: auto}). */
  public synchronized OfferOutcome accept(String offerId, TeamMember actor) {
    Optional<Offer> found = stores.offers().find(offerId);
    if (found.isEmpty()) {
      return new OfferOutcome.NotFound();
    }
    if (!found.get().memberId().equals(actor.id())) {
      return new OfferOutcome.NotYours();
    }
    Instant now = clock.instant();
    if (!found.get().isOpen() || !now.isBefore(found.get().expiresAt())) {
      return new OfferOutcome.NoLongerOpen();
    }
    if (ticketTaken(found.get().threadId())) {
      return new OfferOutcome.NoLongerOpen();
    }
    Optional<Offer> closed = stores.offers().close(offerId, Offer.Status.ACCEPTED, now);
    if (closed.isEmpty()) {
      return new OfferOutcome.NoLongerOpen();
    }
    ClaimOutcome claim = claims.claim(closed.get().threadId(), actor, Via.AUTO);
    if (!(claim instanceof ClaimOutcome.Won won)) {
      return new OfferOutcome.NoLongerOpen();
    }
    record(closed.get(), AssignmentAction.ACCEPTED, actor, Via.AUTO);
    notices.offerClosed(closed.get());
    return new OfferOutcome.Accepted(closed.get(), won.thread());
  }

  /**
   * Closes the ticket's open offer when the ticket no longer waits (claimed by hand, reassigned, resolved), so
   * that its member no longer sees it; true when one was closed.
   */
  public synchronized boolean ticketTaken(String threadId) {
    Optional<Offer> open = stores.offers().openFor(threadId);
    if (open.isEmpty() || tickets.find(threadId).filter(AssignmentService::waiting).isPresent()) {
      return false;
    }
    Optional<Offer> closed = stores.offers().close(open.get().id(), Offer.Status.EXPIRED, clock.instant());
    closed.ifPresent(o -> {
      record(o, AssignmentAction.EXPIRED, null, Via.POLICY);
      notices.offerClosed(o);
    });
    return closed.isPresent();
  }

  /** Declines an offer: the ticket goes on to the next member at once. */
  public synchronized OfferOutcome decline(String offerId, TeamMember actor, Via via) {
    Optional<Offer> found = stores.offers().find(offerId);
    if (found.isEmpty()) {
      return new OfferOutcome.NotFound();
    }
    if (!found.get().memberId().equals(actor.id())) {
      return new OfferOutcome.NotYours();
    }
    Optional<Offer> closed = found.get().isOpen()
        ? stores.offers().close(offerId, Offer.Status.DECLINED, clock.instant()) : Optional.empty();
    if (closed.isEmpty()) {
      return new OfferOutcome.NoLongerOpen();
    }
    record(closed.get(), AssignmentAction.DECLINED, actor, via);
    notices.offerClosed(closed.get());
    assign(closed.get().threadId());
    return new OfferOutcome.Declined(closed.get());
  }

  /** Expires the offers whose time is up and passes each ticket to the next member; how many expired. */
  public synchronized int expireDue() {
    int expired = 0;
    for (Offer offer : stores.offers().due(clock.instant())) {
      Optional<Offer> closed = stores.offers().close(offer.id(), Offer.Status.EXPIRED, clock.instant());
      if (closed.isPresent()) {
        expired++;
        record(closed.get(), AssignmentAction.EXPIRED, null, Via.POLICY);
        notices.offerClosed(closed.get());
        assign(offer.threadId());
      }
    }
    return expired;
  }

  /**
   * Gives a claim nobody answered back to the queue: status {@code open}, then the owner cleared by compare-and-set
   * ({@code released}, via {@code policy}), said in chat, and the ticket handed out to someone else. Nothing
   * happens when the ticket changed owner or was claimed again since {@code owner} was read.
   */
  synchronized boolean releaseStale(String threadId, Owner owner, int hours) {
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (ticket.isEmpty() || ticket.get().owner() == null || !ticket.get().owner().equals(owner)) {
      return false;
    }
    if (ticket.get().status() != TicketStatus.OPEN
        && tickets.setStatus(threadId, owner.memberId(), TicketStatus.OPEN, null).isEmpty()) {
      return false;
    }
    if (!(claims.release(threadId, owner) instanceof ClaimOutcome.Won released)) {
      return false;
    }
    notices.released(released.thread(), owner, hours);
    AssignmentPolicy policy = policy();
    if (policy.automatic() && stores.offers().openFor(threadId).isEmpty()) {
      handOut(released.thread(), policy, Set.of(owner.memberId()));
    }
    return true;
  }

  /** The open offers made to this member, oldest first. */
  public List<Offer> openOffers(TeamMember member) {
    return stores.offers().allOpen().stream().filter(o -> o.memberId().equals(member.id())).toList();
  }

  /** The offer with this id, open or closed. */
  public Optional<Offer> findOffer(String offerId) {
    return stores.offers().find(offerId);
  }

  /** Every open offer, oldest first: what the dashboards follow to show and hide their banners. */
  public List<Offer> allOpenOffers() {
    return stores.offers().allOpen();
  }

  /** A manager gives every unresolved ticket of one member back to the queue (a vacation). */
  public UnclaimAllOutcome unclaimAll(TeamMember actor, String memberId, Via via) {
    if (!actor.active() || !actor.role().canManageTickets()) {
      return new UnclaimAllOutcome.NotAllowed(REASSIGN_NOT_MANAGER);
    }
    if (team.find(memberId).isEmpty()) {
      return new UnclaimAllOutcome.NotFound();
    }
    int released = 0;
    for (EmailThread ticket : tickets.ownedBy(memberId, MOST_LOAD_COUNTED)) {
      if (ticket.isOwnedBy(memberId) && claims.unclaim(ticket.id(), actor, via) instanceof ClaimOutcome.Won) {
        released++;
      }
    }
    return new UnclaimAllOutcome.Released(released);
  }

  private static boolean waiting(EmailThread ticket) {
    return !ticket.isOwned() && ticket.status() != TicketStatus.RESOLVED;
  }

  private Result handOut(EmailThread ticket, AssignmentPolicy policy, Set<String> excluded) {
    Optional<TeamMember> member = pick(policy, excluded);
    if (member.isEmpty()) {
      return Result.WAITING;
    }
    if (!policy.offer()) {
      if (!(claims.assign(ticket.id(), member.get()) instanceof ClaimOutcome.Won)) {
        return Result.SKIPPED;
      }
      stores.picks().picked(member.get().id());
      return Result.ASSIGNED;
    }
    Instant now = clock.instant();
    Offer offer = new Offer(Ids.next(), ticket.id(), member.get().id(), Offer.Status.OPEN, now,
        now.plusSeconds(policy.offerTimeoutSeconds()), null);
    if (!stores.offers().open(offer)) {
      return Result.SKIPPED;
    }
    // claimed by hand, or handed out by another instance, between the read and the offer: take the offer back
    if (tickets.find(ticket.id()).filter(AssignmentService::waiting).isEmpty()) {
      stores.offers().withdraw(offer.id());
      return Result.SKIPPED;
    }
    stores.picks().picked(member.get().id());
    record(offer, AssignmentAction.OFFERED, null, Via.POLICY);
    notices.offered(offer, ticket, member.get());
    return Result.OFFERED;
  }

  private Optional<TeamMember> pick(AssignmentPolicy policy, Set<String> excluded) {
    Map<String, Long> offered = policy.offer()
        ? stores.offers().allOpen().stream().collect(Collectors.groupingBy(Offer::memberId, Collectors.counting()))
        : Map.of();
    int most = policy.mode() == Mode.LEAST_LOADED ? MOST_LOAD_COUNTED : 0;
    return MemberPicker.choose(policy.mode(), team.all(),
        m -> tickets.ownedBy(m.id(), Math.max(most, m.capacity() == null ? 0 : m.capacity() + 1)).size()
            + offered.getOrDefault(m.id(), 0L).intValue(),
        stores.picks().lastPicks(), excluded);
  }

  private void record(Offer offer, AssignmentAction action, TeamMember actor, Via via) {
    String email = team.find(offer.memberId()).map(TeamMember::email).orElse(null);
    log.appendAll(List.of(new AssignmentEvent(Ids.next(), offer.threadId(), action,
        actor == null ? null : actor.id(), actor == null ? null : actor.email(), null, null, offer.memberId(), email,
        via, clock.instant())));
  }
}
