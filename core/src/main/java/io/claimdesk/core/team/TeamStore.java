package io.claimdesk.core.team;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  /** The member linked to this Discord user id, if any. */
  Optional<TeamMember> findByDiscordUserId(String discordUserId);

  /**
   * Links a Discord user to a member, replacing the member's earlier Discord user; false when there is no such member
   * or another member holds this Discord user.
   */
  boolean linkDiscordUser(String memberId, String discordUserId);

  /**
   * Applies an admin's changes: the member as it now is, {@link UpdateOutcome.NotFound}, or
   * {@link UpdateOutcome.Taken} (nothing changed) when a Slack or Discord user id given is held by another member.
   */
  UpdateOutcome update(String memberId, MemberUpdate update);

  /** What {@link #update} did. */
  sealed interface UpdateOutcome {
    record Updated(TeamMember member) implements UpdateOutcome {}

    record NotFound() implements UpdateOutcome {}

    /** {@code field} is {@code slackUserId} or {@code discordUserId}. */
    record Taken(String field) implements UpdateOutcome {}
  }

  /** Sets whether the member is there; the member as it now is, empty when there is no such member. */
  Optional<TeamMember> setAvailability(String memberId, Availability availability);

  /**
   * Records that the member made a request or acted in chat at {@code at}; a time earlier than the one stored is
   * ignored, so that instances writing out of order never move it back. Callers throttle: see {@link LastSeen}.
   */
  void markSeen(String memberId, Instant at);

  /**
   * For every member, the latest of: when they were last seen ({@link #markSeen}), when their availability was
   * last set, when they were created. Members with none of these (written by an older version) are left out.
   */
  Map<String, Instant> lastSeen();

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
