package io.claimdesk.web.page;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import java.util.List;

/**
 * What every signed-in page shows around its content: the title, who is signed in, the CSRF token for its forms,
 * a one-time notice, which navigation entry is current, and the tickets offered to the member (the banner).
 * {@code member} is null on the login page.
 */
public record Chrome(String title, TeamMember member, String csrf, String flash, String nav,
    List<OfferNotice> offers) {

  public Chrome {
    offers = offers == null ? List.of() : List.copyOf(offers);
  }

  /** A frame without offers: pages that do not look them up (the script fills the banner in). */
  public Chrome(String title, TeamMember member, String csrf, String flash, String nav) {
    this(title, member, csrf, flash, nav, List.of());
  }

  public boolean manager() {
    return member != null && (member.role() == Role.MANAGER || member.role() == Role.ADMIN);
  }

  public boolean current(String entry) {
    return entry.equals(nav);
  }
}
