package io.claimdesk.web.page;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;

/**
 * What every signed-in page shows around its content: the title, who is signed in, the CSRF token for its forms,
 * a one-time notice, and which navigation entry is current. {@code member} is null on the login page.
 */
public record Chrome(String title, TeamMember member, String csrf, String flash, String nav) {

  public boolean manager() {
    return member != null && (member.role() == Role.MANAGER || member.role() == Role.ADMIN);
  }

  public boolean current(String entry) {
    return entry.equals(nav);
  }
}
