package io.claimdesk.core.assignment;

import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketActivity;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Claims nobody answers: a ticket owned for {@code staleNudgeHours} without a reply from its owner (counted from the
 * claim, or, once they replied, from the customer's next message; only the owner can reply) gets one nudge per claim;
 * after {@code staleReleaseHours} it goes back to the queue. A ticket whose owner replied and whose customer has not
 * written since is waiting for the customer, not for its owner: it is left alone. Run by the one instance that holds the assignment
 * lease; the nudge is recorded in the database before it is sent, so neither a restart nor another instance sends
 * it again.
 */
public final class StaleClaims {
  /** Hours are the unit: looking once a minute is often enough and keeps the read of every open ticket rare. */
  static final Duration EVERY = Duration.ofMinutes(1);

  private final AssignmentService assignments;
  private final TicketStore tickets;
  private final TeamStore team;
  private final NoticeLog log;
  private final AssignmentNotices notices;
  private final Clock clock;
  private Instant lastSweep;

  public StaleClaims(AssignmentService assignments, TicketStore tickets, TeamStore team, NoticeLog log,
      AssignmentNotices notices, Clock clock) {
    this.assignments = assignments;
    this.tickets = tickets;
    this.team = team;
    this.log = log;
    this.notices = notices;
    this.clock = clock;
  }

  /** {@link #sweep()} when a minute has passed since the last one; for the assignment lease's one-second tick. */
  public synchronized void sweepIfDue() {
    Instant now = clock.instant();
    if (lastSweep == null || !now.isBefore(lastSweep.plus(EVERY))) {
      lastSweep = now;
      sweep();
    }
  }

  /** Nudges and releases what is due now; how many tickets were released. */
  public synchronized int sweep() {
    AssignmentPolicy policy = assignments.policy();
    Integer nudgeHours = policy.staleNudgeHours();
    Integer releaseHours = policy.staleReleaseHours();
    if (nudgeHours == null && releaseHours == null) {
      return 0;
    }
    Instant now = clock.instant();
    int released = 0;
    // an instant in the future: every unresolved ticket, and no resolved one
    for (TicketActivity activity : tickets.activity(now.plus(Duration.ofDays(1)))) {
      if (activity.ownerId() == null || activity.claimedAt() == null || !ownersTurn(activity)) {
        continue;
      }
      Instant since = turnSince(activity);
      Duration quiet = Duration.between(since, now);
      if (releaseHours != null && quiet.compareTo(Duration.ofHours(releaseHours)) >= 0) {
        Optional<Owner> owner = currentOwner(activity);
        if (owner.isPresent() && assignments.releaseStale(activity.threadId(), owner.get(), releaseHours)) {
          released++;
        }
      } else if (nudgeHours != null && quiet.compareTo(Duration.ofHours(nudgeHours)) >= 0) {
        nudge(activity, nudgeHours);
      }
    }
    return released;
  }

  /**
   * True unless the owner has replied since the claim and the customer has not written since: then the ticket waits
   * for the customer, and nobody is nudged or loses it for that.
   */
  /**
   * Since when the owner has owed a reply: the claim, unless they have replied since; then the customer's latest
   * message after that reply (the customer writing back makes it the owner's turn again; to count from the reply
   * itself would take a ticket from its owner the moment a slow customer answers).
   */
  private static Instant turnSince(TicketActivity activity) {
    Instant reply = activity.lastReplyAt();
    return reply == null || reply.isBefore(activity.claimedAt()) ? activity.claimedAt() : activity.lastInboundAt();
  }

  private static boolean ownersTurn(TicketActivity activity) {
    Instant reply = activity.lastReplyAt();
    return reply == null || reply.isBefore(activity.claimedAt())
        || activity.lastInboundAt() != null && activity.lastInboundAt().isAfter(reply);
  }

  private void nudge(TicketActivity activity, int hours) {
    Optional<EmailThread> ticket = tickets.find(activity.threadId())
        .filter(t -> t.isOwnedBy(activity.ownerId()));
    if (ticket.isEmpty() || !log.firstNudge(activity.threadId(), ticket.get().owner().claimedAt())) {
      return;
    }
    team.find(activity.ownerId()).ifPresent(owner -> notices.nudged(ticket.get(), owner, hours));
  }

  private Optional<Owner> currentOwner(TicketActivity activity) {
    return tickets.find(activity.threadId()).map(EmailThread::owner)
        .filter(o -> o.memberId().equals(activity.ownerId()));
  }
}
