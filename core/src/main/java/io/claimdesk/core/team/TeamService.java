package io.claimdesk.core.team;

import java.util.Locale;
import java.util.Optional;

/** Logins, API tokens and team administration. */
public final class TeamService {
  private final TeamStore store;
  private final Secrets secrets;

  public TeamService(TeamStore store, Secrets secrets) {
    this.store = store;
    this.secrets = secrets;
  }

  /** The active member with this email and password. */
  public Optional<TeamMember> authenticate(String email, String password) {
    if (email == null || password == null) {
      return Optional.empty();
    }
    Optional<TeamMember> member = store.findByEmail(email).filter(TeamMember::active);
    String hash = member.flatMap(m -> store.passwordHash(m.id())).orElse(null);
    return secrets.verifyPassword(password, hash) ? member : Optional.empty();
  }

  /** Issues a new API token for the member, replacing the previous one; only its hash is stored. */
  public String issueToken(TeamMember member) {
    String token = Secrets.newApiToken();
    store.setApiTokenHash(member.id(), Secrets.hashToken(token));
    return token;
  }

  /** The active member holding this API token. */
  public Optional<TeamMember> byToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return store.findByApiTokenHash(Secrets.hashToken(token)).filter(TeamMember::active);
  }

  /** Adds a member with an optional password; empty when the email is taken. */
  public Optional<TeamMember> create(NewMember member, String password) {
    NewMember normalized = new NewMember(member.name(), member.email().trim().toLowerCase(Locale.ROOT),
        member.role(), member.slackUserId(), member.discordUserId(), member.phone());
    return store.insert(normalized, password == null ? null : secrets.hashPassword(password));
  }

  /** Creates the first admin when the team is still empty; true when it did. */
  public boolean bootstrapAdmin(String email, String password) {
    if (store.count() > 0) {
      return false;
    }
    return create(new NewMember("Admin", email, Role.ADMIN, null, null, null), password).isPresent();
  }

  public Optional<TeamMember> find(String memberId) {
    return store.find(memberId);
  }

  public java.util.List<TeamMember> all() {
    return store.all();
  }
}
