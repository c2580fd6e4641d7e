package io.claimdesk.core.workload;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketActivity;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Computes {@link Workload} from the tickets' activity times and today's assignment history. */
public final class WorkloadService {
  private final TicketStore tickets;
  private final TeamStore team;
  private final AssignmentLog history;
  private final Clock clock;

  public WorkloadService(TicketStore tickets, TeamStore team, AssignmentLog history, Clock clock) {
    this.tickets = tickets;
    this.team = team;
    this.history = history;
    this.clock = clock;
  }

  /** The workload now; active members only, in the team's name order. */
  public Workload compute() {
    Instant now = clock.instant();
    Instant days30 = now.minus(Duration.ofDays(30));
    Instant days7 = now.minus(Duration.ofDays(7));
    List<TicketActivity> activity = tickets.activity(days30);

    Map<String, int[]> counts = new HashMap<>(); // open, in progress, waiting
    Map<String, Instant> oldestAwaiting = new HashMap<>();
    int unassigned = 0;
    Instant oldestUnassigned = null;
    for (TicketActivity t : activity) {
      if (t.status() == TicketStatus.RESOLVED) {
        continue;
      }
      if (t.ownerId() == null) {
        unassigned++;
        oldestUnassigned = earlier(oldestUnassigned, t.receivedAt());
        continue;
      }
      int[] c = counts.computeIfAbsent(t.ownerId(), k -> new int[3]);
      c[switch (t.status()) {
        case OPEN -> 0;
        case IN_PROGRESS -> 1;
        default -> 2;
      }]++;
      if (t.awaitingReply()) {
        Instant since = t.lastInboundAt() != null ? t.lastInboundAt() : t.receivedAt();
        oldestAwaiting.merge(t.ownerId(), since, WorkloadService::earlier);
      }
    }

    Map<String, Integer> claimsToday = new HashMap<>();
    for (AssignmentEvent e : history.since(now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant())) {
      if ((e.action() == AssignmentAction.CLAIMED || e.action() == AssignmentAction.AUTO_CLAIMED)
          && e.actorId() != null) {
        claimsToday.merge(e.actorId(), 1, Integer::sum);
      }
    }

    List<Workload.MemberLoad> members = new ArrayList<>();
    for (TeamMember member : team.all()) {
      if (!member.active()) {
        continue;
      }
      int[] c = counts.getOrDefault(member.id(), new int[3]);
      Instant awaiting = oldestAwaiting.get(member.id());
      members.add(new Workload.MemberLoad(member, c[0], c[1], c[2],
          awaiting == null ? null : age(awaiting, now), claimsToday.getOrDefault(member.id(), 0)));
    }
    return new Workload(now, members, unassigned, oldestUnassigned == null ? null : age(oldestUnassigned, now),
        median(activity, days7, TicketActivity::firstClaimedAt), median(activity, days30, TicketActivity::firstClaimedAt),
        median(activity, days7, TicketActivity::firstReplyAt), median(activity, days30, TicketActivity::firstReplyAt));
  }

  /** The median time from arrival to {@code event} of the tickets that arrived since {@code from}. */
  static Workload.Median median(List<TicketActivity> activity, Instant from, Function<TicketActivity, Instant> event) {
    List<Duration> samples = new ArrayList<>();
    for (TicketActivity t : activity) {
      Instant at = event.apply(t);
      if (at != null && t.receivedAt() != null && !t.receivedAt().isBefore(from)) {
        samples.add(age(t.receivedAt(), at));
      }
    }
    if (samples.isEmpty()) {
      return new Workload.Median(null, 0);
    }
    samples.sort(null);
    int n = samples.size();
    Duration middle = n % 2 == 1 ? samples.get(n / 2) : samples.get(n / 2 - 1).plus(samples.get(n / 2)).dividedBy(2);
    return new Workload.Median(middle, n);
  }

  private static Duration age(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
