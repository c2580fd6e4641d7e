package io.claimdesk.bot.discord;

import io.claimdesk.bot.testing.MembersSeenContract;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.TeamMember;
import java.util.Optional;

/** A member clicking in Discord is recorded as seen (for the away sweep), at most once a minute. */
class DiscordMembersSeenTest extends MembersSeenContract {
  private final DiscordMembers members = new DiscordMembers(stores.team(), new LastSeen(stores.team(), clock));

  @Override
  protected String chatUser() {
    return "700000000000000001";
  }

  @Override
  protected boolean link(String memberId, String chatUser) {
    return stores.team().linkDiscordUser(memberId, chatUser);
  }

  @Override
  protected Optional<TeamMember> resolve(String chatUser) {
    return members.resolve(chatUser);
  }
}
