package io.claimdesk.bot.slack;

import io.claimdesk.bot.testing.MembersSeenContract;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.TeamMember;
import java.util.Optional;

/** A member clicking in Slack is recorded as seen (for the away sweep), at most once a minute. */
class SlackMembersSeenTest extends MembersSeenContract {
  private final SlackMembers members = new SlackMembers(stores.team(), null, new LastSeen(stores.team(), clock));

  @Override
  protected String chatUser() {
    return "U0ANA";
  }

  @Override
  protected boolean link(String memberId, String chatUser) {
    return stores.team().linkSlackUser(memberId, chatUser);
  }

  @Override
  protected Optional<TeamMember> resolve(String chatUser) {
    return members.resolve(chatUser);
  }
}
