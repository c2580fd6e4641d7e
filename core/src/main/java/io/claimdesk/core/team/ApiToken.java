package io.claimdesk.core.team;

import java.time.Instant;

/**
 * One of a member's API tokens as listed: never the token itself nor its hash, which stay inside
 * {@link ApiTokenStore}. {@code lastUsedAt} is null until first used, and moves at most once a minute.
 */
public record ApiToken(
    String id, String memberId, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

  /** True when the token no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
