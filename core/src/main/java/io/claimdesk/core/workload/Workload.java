package io.claimdesk.core.workload;

import io.claimdesk.core.team.TeamMember;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The team's workload at {@code at}. Durations are null when there is nothing to measure (no ticket waiting, no
 * ticket claimed in the period).
 */
public record Workload(
    Instant at,
    List<MemberLoad> members,
    int unassigned,
    Duration oldestUnassigned,
    Median claim7Days,
    Median claim30Days,
    Median firstReply7Days,
    Median firstReply30Days) {

  /**
   * One member's load: unresolved tickets they own by status, how long the oldest of them has been waiting for a
   * reply (since the customer's latest message), and how many tickets they claimed today (UTC).
   */
  public record MemberLoad(TeamMember member, int open, int inProgress, int waiting, Duration oldestAwaitingReply,
      int claimsToday) {}

  /** A median over {@code samples} tickets; {@code value} is null when there were none. */
  public record Median(Duration value, int samples) {}
}
