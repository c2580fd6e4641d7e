package io.claimdesk.core.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens and team administration. Token lookups are cached for {@link #TOKEN_CACHE_TTL}: every API
 * request authenticates, and this keeps that off the database on the hot path. A replaced token stops working at
 * once on this instance and within the TTL on others.
 */
public final class TeamService {
  public static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(10);
  private static final int TOKEN_CACHE_MAX = 10_000;

  private final TeamStore store;
  private final Secrets secrets;
  private final Clock clock;
  private final Map<String, CachedMember> tokenCache = new ConcurrentHashMap<>();

  private record CachedMember(TeamMember member, Instant expires) {}

  public TeamService(TeamStore store, Secrets secrets, Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * How the members' passwords are hashed and checked. Passwords are checked by the session package's
   * {@code SignInService} alone, behind its throttle: this service offers no unthrottled check.
   */
  public Secrets secrets() {
    return secrets;
  }

  /** Issues a new API token for the member, replacing the previous one; only its hash is stored. */
  public String issueToken(TeamMember member) {
    String token = Secrets.newApiToken();
    store.setApiTokenHash(member.id(), Secrets.hashToken(token));
    tokenCache.values().removeIf(cached -> cached.member().id().equals(member.id()));
    return token;
  }

  /** The active member holding this API token. */
  public Optional<TeamMember> byToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = Secrets.hashToken(token);
    Instant now = clock.instant();
    CachedMember cached = tokenCache.get(hash);
    if (cached != null && now.isBefore(cached.expires())) {
      return Optional.of(cached.member());
    }
    Optional<TeamMember> member = store.findByApiTokenHash(hash).filter(TeamMember::active);
    if (member.isPresent()) {
      if (tokenCache.size() >= TOKEN_CACHE_MAX) {
        tokenCache.clear();
      }
      tokenCache.put(hash, new CachedMember(member.get(), now.plus(TOKEN_CACHE_TTL)));
    } else {
      tokenCache.remove(hash);
    }
    return member;
  }

  /** Adds a member with an optional password; empty when the email is taken. */
  public Optional<TeamMember> create(NewMember member, String password) {
    NewMember normalized = new NewMember(member.name(), member.email().trim().toLowerCase(Locale.ROOT),
        member.role(), member.slackUserId(), member.discordUserId(), member.phone());
    return store.insert(normalized, password == null ? null : secrets.hashPassword(password));
  }

  /**
   * Sets a member's password (checked by the caller: 10+ characters, {@link Secrets#fits}); false when there is no
   * such member. Sessions and the API token stay: ending them is the caller's choice.
   */
  public boolean setPassword(String memberId, String password) {
    return store.setPasswordHash(memberId, secrets.hashPassword(password));
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
