package io.claimdesk.core.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code away} the active, online members not seen for {@code limit}: not seen means no request, no click in
 * chat ({@link LastSeen}) and no change of their availability since; a member never seen counts from their
 * creation. Nobody is set online again by this: a member comes back with the header toggle, {@code /available} or
 * the API, as in Slack and Chatwoot. Run by the one instance that holds the assignment lease.
 */
public final class Presence {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);
  /** The limit is hours: looking once a minute is often enough. */
  static final Duration EVERY = Duration.ofMinutes(1);

  private final TeamStore team;
  private final Clock clock;
  private final Duration limit;
  /** Members with no time stored at all (written by an older version): counted from when this sweep first saw them. */
  private final Map<String, Instant> firstSwept = new HashMap<>();
  private Instant lastSweep;

  /** {@code limit} null: never sets anyone away. */
  public Presence(TeamStore team, Clock clock, Duration limit) {
    this.team = team;
    this.clock = clock;
    this.limit = limit;
  }

  /** {@link #sweep()} when a minute has passed since the last one; for the assignment lease's one-second tick. */
  public synchronized void sweepIfDue() {
    Instant now = clock.instant();
    if (lastSweep == null || !now.isBefore(lastSweep.plus(EVERY))) {
      lastSweep = now;
      sweep();
    }
  }

  /** Sets away whoever is due now; how many members were set away. */
  public synchronized int sweep() {
    if (limit == null) {
      return 0;
    }
    Instant now = clock.instant();
    Map<String, Instant> seen = team.lastSeen();
    int away = 0;
    for (TeamMember member : team.all()) {
      if (!member.active() || member.availability() != Availability.ONLINE) {
        continue;
      }
      Instant since = seen.get(member.id());
      if (since == null) {
        since = firstSwept.computeIfAbsent(member.id(), id -> now);
      }
      Duration quiet = Duration.between(since, now);
      if (quiet.compareTo(limit) >= 0 && team.setAvailability(member.id(), Availability.AWAY).isPresent()) {
        log.info("team member {} set away: not seen for {} (since {})", member.id(), quiet, since);
        away++;
      }
    }
    return away;
  }
}
