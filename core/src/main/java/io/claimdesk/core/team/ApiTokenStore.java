package io.claimdesk.core.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores API tokens ({@code api_tokens}) by the SHA-256 of the token; the token itself is never stored. */
public interface ApiTokenStore {

  /** Stores a new token under its hash; its id is generated. */
  ApiToken insert(String memberId, String name, String tokenHash, Instant createdAt, Instant expiresAt);

  /** The token with this hash, expired or not: one indexed read. */
  Optional<ApiToken> findByHash(String tokenHash);

  /** The member's tokens, oldest first, expired ones included. */
  List<ApiToken> byMember(String memberId);

  /** Deletes the member's token with this id; false when the member has no such token. */
  boolean revoke(String memberId, String tokenId);

  /** Deletes every token of the member; how many there were. */
  long revokeAll(String memberId);

  /**
   * Sets the token's last use to {@code usedAt} unless it was already set at or after {@code staleBefore}: of
   * several instances seeing the same token within that time, one writes. True when it wrote.
   */
  boolean touch(String tokenId, Instant usedAt, Instant staleBefore);
}
