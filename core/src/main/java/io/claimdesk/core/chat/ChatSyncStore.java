package io.claimdesk.core.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable state of the chat sync. Work on one ticket's message in one target is serialised by a lease, so that
 * several app instances on one database never post or update the same message at once.
 */
public interface ChatSyncStore {

  /** Records that the messages of these tickets (thread id → ticket version) must show at least that version. */
  void want(String target, Map<String, Long> versions);

  /** Takes the lease on the state until {@code now + ttl}; empty when another holder's lease runs or none exists. */
  Optional<ChatMessageState> lease(String target, String threadId, String holder, Instant now, Duration ttl);

  /** Records that the holder is about to post (a later holder then looks for the message before posting). */
  void posting(String target, String threadId, String holder, Instant at, String snippet);

  /** Records the posted message and the version and content it shows, and releases the lease. */
  void posted(String target, String threadId, String holder, String messageRef, long version, String fingerprint);

  /** Records that the message shows this version and content, and releases the lease. */
  void rendered(String target, String threadId, String holder, long version, String fingerprint);

  /** Releases the lease without progress. */
  void release(String target, String threadId, String holder);

  /** The state, if the ticket was ever wanted in this target. */
  Optional<ChatMessageState> find(String target, String threadId);

  /** Up to {@code limit} states of the target whose message is behind, for resuming after a restart. */
  List<ChatMessageState> behind(String target, int limit);

  /**
   * The ticket whose message in {@code target} is {@code messageRef} (a Slack ts, a Discord message id), if this
   * target posted it: what a chat action on that message (add a note) acts on.
   */
  Optional<String> threadOf(String target, String messageRef);
}
