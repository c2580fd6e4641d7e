package io.claimdesk.core.assignment;

import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/** The choice itself, free of storage: who of the team gets the next ticket under a mode. */
final class MemberPicker {
  private MemberPicker() {}

  /**
   * The member to hand the next ticket to: active, online, not excluded, under capacity ({@code load} is what
   * they hold now); round robin takes the one picked least recently, least loaded the one holding least (ties: least
   * recently picked). Never-picked members come first; last ties go by id, so the choice is deterministic.
   */
  static Optional<TeamMember> choose(Mode mode, List<TeamMember> team, ToIntFunction<TeamMember> load,
      Map<String, Long> lastPicks, Set<String> excluded) {
    Comparator<TeamMember> leastRecent = Comparator.<TeamMember>comparingLong(m -> lastPicks.getOrDefault(m.id(), -1L))
        .thenComparing(TeamMember::id);
    List<TeamMember> candidates = team.stream()
        .filter(m -> m.active() && m.availability() == Availability.ONLINE && !excluded.contains(m.id()))
        .toList();
    if (mode == Mode.LEAST_LOADED) {
      Map<String, Integer> loads = new java.util.HashMap<>();
      candidates.forEach(m -> loads.put(m.id(), load.applyAsInt(m)));
      return candidates.stream()
          .filter(m -> m.capacity() == null || loads.get(m.id()) < m.capacity())
          .min(Comparator.<TeamMember>comparingInt(m -> loads.get(m.id())).thenComparing(leastRecent));
    }
    // round robin: the load is read only for members with a capacity, and only until one with room is found
    return candidates.stream().sorted(leastRecent)
        .filter(m -> m.capacity() == null || load.applyAsInt(m) < m.capacity())
        .findFirst();
  }
}
