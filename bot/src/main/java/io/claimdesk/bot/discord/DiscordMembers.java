package io.claimdesk.bot.discord;

import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import java.util.Optional;

/**
 * Who a Discord user is in claimdesk: the active member whose {@code discordUserId} it is. Discord gives a bot no
 * email address, so there is no lookup by email: an admin sets the id on the team page, or the user links
 * themself with {@code /link}.
 */
final class DiscordMembers {
  static final String UNKNOWN = "Your Discord account is not linked to a claimdesk team member, so nothing was "
      + "changed. Type /link to get a private link that connects it to your claimdesk account, or ask an admin to "
      + "set your Discord user ID on the team page.";

  private final TeamStore team;
  private final LastSeen lastSeen;

  DiscordMembers(TeamStore team, LastSeen lastSeen) {
    this.team = team;
    this.lastSeen = lastSeen;
  }

  /** The member, if this Discord user is linked to an active one; recorded as seen, since they act now. */
  Optional<TeamMember> resolve(String discordUserId) {
    Optional<TeamMember> member = team.findByDiscordUserId(discordUserId).filter(TeamMember::active);
    member.ifPresent(m -> lastSeen.seen(m.id()));
    return member;
  }
}
