package io.claimdesk.web.dashboard;

import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.team.TeamMember;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A line of a ticket's assignment history with people by name: the history keeps ids and emails (names change),
 * the page shows today's name of each member, and the email of someone no longer on the team.
 */
public record HistoryRow(AssignmentEvent event, String actor, String before, String after) {

  /** The rows of {@code events}, naming people from {@code members}. */
  static List<HistoryRow> of(List<AssignmentEvent> events, List<TeamMember> members) {
    Map<String, String> names = new HashMap<>();
    members.forEach(m -> names.put(m.id(), m.displayName()));
    return events.stream().map(e -> new HistoryRow(e,
        name(names, e.actorId(), e.actorEmail(), "claimdesk"),
        name(names, e.previousOwnerId(), e.previousOwnerEmail(), "nobody"),
        name(names, e.newOwnerId(), e.newOwnerEmail(), "nobody"))).toList();
  }

  private static String name(Map<String, String> names, String id, String email, String none) {
    if (id == null && email == null) {
      return none;
    }
    String name = id == null ? null : names.get(id);
    return name != null ? name : email != null ? email : none;
  }
}
