package io.claimdesk.core.team;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Team administration and the members' API tokens ({@link ApiTokens}). */
public final class TeamService {
  private final TeamStore store;
  private final ApiTokens tokens;
  private final Secrets secrets;

  public TeamService(TeamStore store, ApiTokenStore tokens, Secrets secrets, Clock clock) {
    this.store = store;
    this.tokens = new ApiTokens(tokens, store, clock);
    this.secrets = secrets;
  }

  /**
   * How the members' passwords are hashed and checked. Passwords are checked by the session package's
   * {@code SignInService} alone, behind its throttle: this service offers no unthrottled check.
   */
  public Secrets secrets() {
    return secrets;
  }

  /** The members' API tokens. */
  public ApiTokens tokens() {
    return tokens;
  }

  /** Issues a new API token for the member with the default name and lifetime; only its hash is stored. */
  public String issueToken(TeamMember member) {
    return tokens.create(member, ApiTokens.DEFAULT_NAME, ApiTokens.DEFAULT_DAYS).token();
  }

  /** The active member holding this API token, if it has not expired. */
  public Optional<TeamMember> byToken(String token) {
    return tokens.authenticate(token);
  }

  /** Adds a member with an optional password; empty when the email is taken. */
  public Optional<TeamMember> create(NewMember member, String password) {
    NewMember normalized = new NewMember(member.name(), member.email().trim().toLowerCase(Locale.ROOT),
        member.role(), member.slackUserId(), member.discordUserId(), member.phone());
    return store.insert(normalized, password == null ? null : secrets.hashPassword(password));
  }

  /**
   * Sets a member's password (checked by the caller: 10+ characters, {@link Secrets#fits}); false when there is no
   * such member. The member's own change: their API tokens stay, as GitHub's personal access tokens do (they are
   * credentials of their own, listed and revoked one by one).
   */
  public boolean setPassword(String memberId, String password) {
    return store.setPasswordHash(memberId, secrets.hashPassword(password));
  }

  /**
   * An admin's reset of a member's password: it also revokes all of the member's API tokens, since a reset is what
   * an admin does when the account may be in other hands. False when there is no such member.
   */
  public boolean resetPassword(String memberId, String password) {
    if (!setPassword(memberId, password)) {
      return false;
    }
    tokens.revokeAll(memberId);
    return true;
  }

  /** Creates the first admin when the team is still empty; true when it did. */
  public boolean bootstrapAdmin(String email, String password) {
    if (store.count() > 0) {
      return false;
    }
    return create(new NewMember("Admin", email, Role.ADMIN, null, null, null), password).isPresent();
  }

  public List<TeamMember> all() {
    return store.all();
  }
}
