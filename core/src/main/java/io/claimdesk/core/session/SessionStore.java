package io.claimdesk.core.session;

import java.time.Instant;
import java.util.Optional;

/** Stores dashboard sessions ({@code web_sessions}). */
public interface SessionStore {

  /** Stores a new session. */
  void insert(WebSession session);

  /** The session with this id (the hash of its cookie), expired or not. */
  Optional<WebSession> find(String id);

  /** Moves the expiry of a session. */
  void extend(String id, Instant expiresAt);

  /** Leaves a one-time notice for the next page the session shows. */
  void putFlash(String id, String message);

  /** Takes (reads and removes) the session's one-time notice, if any. */
  Optional<String> takeFlash(String id);

  /** Deletes a session; nothing happens when it does not exist. */
  void delete(String id);

  /** Deletes every session of the member but {@code keepId} (none kept when null); how many were deleted. */
  long deleteByMember(String memberId, String keepId);

  /** Deletes every session that expired before {@code now}; how many were deleted. */
  long deleteExpired(Instant now);
}
