package io.claimdesk.web.assignment;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.web.page.Chrome;

/** The confirmation of "unclaim all": whose tickets, and how many would go back to the queue. */
public record UnclaimAllView(Chrome chrome, TeamMember member, int tickets) {
  public String ticketsText() {
    return tickets == 1 ? "1 open ticket" : tickets + " open tickets";
  }
}
