package io.claimdesk.core.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member's API tokens, like GitHub's personal access tokens: several per member, each named, expiring (90 days
 * unless asked for fewer), listed and revoked one by one. A token read is kept {@link #CACHE_FOR}: a revocation takes
 * effect at once on the instance that makes it and within that time on the others. The last use is written at most
 * once a minute per token, so that a busy client does not write on every call.
 */
public final class ApiTokens {
  public static final String DEFAULT_NAME = "API token";
  public static final int DEFAULT_DAYS = 90;
  public static final int MAX_DAYS = 365;
  public static final int MAX_NAME_LENGTH = 100;
  static final Duration LAST_USED_STEP = Duration.ofMinutes(1);
  /**
   * How long a token read is answered from memory. The member is still read on every call (a deactivated member is
   * refused at once) and a revocation here drops the token at once; one made on another instance takes up to this
   * long to reach this one, as a signed-out session does. Without it, token and member were two reads per API call:
   * 24% of the HTTP claim rate.
   */
  static final Duration CACHE_FOR = Duration.ofSeconds(10);
  private static final int CACHE_MAX = 10_000;

  private final ApiTokenStore store;
  private final TeamStore team;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(ApiToken token, Instant checkedAt) {}

  ApiTokens(ApiTokenStore store, TeamStore team, Clock clock) {
    this.store = store;
    this.team = team;
    this.clock = clock;
  }

  /** A token just created: the secret, shown once, and what is kept of it. */
  public record Issued(String token, ApiToken info) {}

  /**
   * Creates a token for the member; a blank name becomes {@link #DEFAULT_NAME}. The caller checks the name's length
   * and that {@code days} is from 1 to {@link #MAX_DAYS}.
   */
  public Issued create(TeamMember member, String name, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be from 1 to " + MAX_DAYS + ": " + days);
    }
    String token = Secrets.newApiToken();
    Instant now = clock.instant();
    String named = name == null || name.isBlank() ? DEFAULT_NAME : name.trim();
    ApiToken info = store.insert(member.id(), named, Secrets.hashToken(token), now, now.plus(Duration.ofDays(days)));
    return new Issued(token, info);
  }

  /** What is wrong with a token's name or lifetime in days, in the words users see; empty when both are fine. */
  public static Optional<String> problem(String name, int days) {
    if (name != null && name.trim().length() > MAX_NAME_LENGTH) {
      return Optional.of("Token name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (days < 1 || days > MAX_DAYS) {
      return Optional.of("Expiry must be from 1 to " + MAX_DAYS + " days");
    }
    return Optional.empty();
  }

  /** The active member holding this token, when it exists and has not expired. */
  public Optional<TeamMember> authenticate(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = Secrets.hashToken(token);
    Cached cached = cache.get(hash);
    if (cached == null || !now.isBefore(cached.checkedAt().plus(CACHE_FOR))) {
      Optional<ApiToken> found = store.findByHash(hash);
      if (found.isEmpty()) {
        cache.remove(hash);
        return Optional.empty();
      }
      cached = new Cached(found.get(), now);
      if (cache.size() < CACHE_MAX) {
        cache.put(hash, cached);
      }
    }
    ApiToken used = cached.token();
    if (used.expiredAt(now)) {
      return Optional.empty();
    }
    Optional<TeamMember> member = team.find(used.memberId()).filter(TeamMember::active);
    Instant staleBefore = now.minus(LAST_USED_STEP);
    if (member.isPresent() && (used.lastUsedAt() == null || used.lastUsedAt().isBefore(staleBefore))) {
      store.touch(used.id(), now, staleBefore);
      cache.computeIfPresent(hash, (h, c) -> new Cached(new ApiToken(used.id(), used.memberId(), used.name(),
          used.createdAt(), used.expiresAt(), now), c.checkedAt()));
    }
    return member;
  }

  /** The member's tokens, oldest first. */
  public List<ApiToken> of(String memberId) {
    return store.byMember(memberId);
  }

  /** Revokes one of the member's tokens; false when the member has no token with this id. */
  public boolean revoke(String memberId, String tokenId) {
    boolean revoked = store.revoke(memberId, tokenId);
    cache.values().removeIf(c -> c.token().id().equals(tokenId));
    return revoked;
  }

  /** Revokes all of the member's tokens; how many. */
  public long revokeAll(String memberId) {
    long revoked = store.revokeAll(memberId);
    cache.values().removeIf(c -> c.token().memberId().equals(memberId));
    return revoked;
  }

  /** The time tokens are checked against, for pages that mark expired ones. */
  public Instant now() {
    return clock.instant();
  }
}
