package io.claimdesk.core.team;

import java.util.List;
import java.util.Optional;

/** Stores team members ({@code team_members}) with their password hashes (API tokens are in {@link ApiTokenStore}). */
public interface TeamStore {

  /** The member with this id, if any. */
  Optional<TeamMember> find(String memberId);

  /** The member with this email (case-insensitive), if any. */
  Optional<TeamMember> findByEmail(String email);

  /** The member linked to this Slack user id, if any. */
  Optional<TeamMember> findBySlackUserId(String slackUserId);

  /**
   * Links a Slack user to a member that has no Slack user yet; false when the member already has one or another
   * member holds this Slack user.
   */
  boolean linkSlackUser(String memberId, String slackUserId);

  /** The stored password hash of a member, if a password is set. */
  Optional<String> passwordHash(String memberId);

  /** Creates a member; empty when the email is already taken. */
  Optional<TeamMember> insert(NewMember member, String passwordHash);

  /** Replaces the member's password hash; false when there is no such member. */
  boolean setPasswordHash(String memberId, String passwordHash);

  /** Every member, by name. */
  List<TeamMember> all();

  /** How many members exist. */
  long count();
}
