package io.claimdesk.core.team;

import java.time.Instant;
import java.util.Optional;

/**
 * Single-use tokens that link a chat identity (a Discord user id) to the member who opens the link, kept in
 * {@code link_tokens} by the SHA-256 of the token (the token itself is never stored), so that a link made by one
 * instance works on every instance sharing the database. Expiry is judged by the store's clock.
 */
public interface LinkTokenStore {

  /** Keeps {@code tokenHash} for {@code subject} until {@code expiresAt}. */
  void insert(String tokenHash, String subject, Instant expiresAt);

  /** The subject of the token with this hash while it is unused and unexpired; the token stays usable. */
  Optional<String> peek(String tokenHash);

  /** The subject of the token with this hash while it is unused and unexpired, using it up: one caller gets it. */
  Optional<String> take(String tokenHash);
}
