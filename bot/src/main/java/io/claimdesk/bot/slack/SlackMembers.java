package io.claimdesk.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a Slack user is in claimdesk: the member whose {@code slackUserId} it is, or, the first time, the member
 * whose email is the Slack profile's email ({@code users.info}, scope {@code users:read.email}), who is then
 * linked so that later clicks need no lookup. A member already linked to another Slack user is not taken over.
 */
final class SlackMembers {
  private static final Logger log = LoggerFactory.getLogger(SlackMembers.class);
  static final String UNKNOWN = "Your Slack account is not linked to a claimdesk team member. Ask an admin to add "
      + "you to the team with the email address of your Slack profile or with your Slack member ID.";

  private final TeamStore team;
  private final MethodsClient methods;
  private final LastSeen lastSeen;

  SlackMembers(TeamStore team, MethodsClient methods, LastSeen lastSeen) {
    this.team = team;
    this.methods = methods;
    this.lastSeen = lastSeen;
  }

  /**
   * The member, linked on first use; empty for a Slack user nobody on the team matches. A member found is recorded
   * as seen, since they act now.
   */
  Optional<TeamMember> resolve(String slackUserId) {
    Optional<TeamMember> member = find(slackUserId);
    member.ifPresent(m -> lastSeen.seen(m.id()));
    return member;
  }

  private Optional<TeamMember> find(String slackUserId) {
    Optional<TeamMember> linked = linked(slackUserId);
    if (linked.isPresent()) {
      return linked;
    }
    String email;
    try {
      UsersInfoResponse info = SlackCalls.call("users.info", () -> methods.usersInfo(r -> r.user(slackUserId)));
      email = info.getUser() == null || info.getUser().getProfile() == null ? null
          : info.getUser().getProfile().getEmail();
    } catch (ChatException e) {
      log.warn("could not look up Slack user {}: {}", slackUserId, e.getMessage());
      return Optional.empty();
    }
    Optional<TeamMember> member = team.findByEmail(email);
    if (member.isEmpty() || member.get().slackUserId() != null) {
      return Optional.empty();
    }
    if (team.linkSlackUser(member.get().id(), slackUserId)) {
      log.info("linked Slack user {} to team member {}", slackUserId, member.get().id());
    }
    return linked(slackUserId);
  }

  /** The member already linked to this Slack user, without asking Slack. */
  Optional<TeamMember> linked(String slackUserId) {
    return team.findBySlackUserId(slackUserId);
  }
}
