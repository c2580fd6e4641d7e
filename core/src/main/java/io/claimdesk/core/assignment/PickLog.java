package io.claimdesk.core.assignment;

import java.util.Map;

/**
 * When the policy last picked each member ({@code assignment_picks}), as a number that grows with every pick
 * across instances: clock times tie when many tickets arrive at once, a shared counter does not.
 */
public interface PickLog {

  /** Records that {@code memberId} was picked now, after every earlier pick. */
  void picked(String memberId);

  /** Each picked member's latest pick number; members never picked are absent (they come first). */
  Map<String, Long> lastPicks();
}
