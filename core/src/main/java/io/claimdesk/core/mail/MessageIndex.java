package io.claimdesk.core.mail;

import java.util.List;
import java.util.Optional;

/**
 * Every Message-ID claimdesk has seen or sent, with its thread: the key to threading replies and to storing each
 * mail once. An entry is reserved before its message is stored and marked stored after.
 */
public interface MessageIndex {

  /** What is known of this Message-ID. */
  record Entry(String messageId, String threadId, boolean stored) {}

  /** What is known of this Message-ID, if anything. */
  Optional<Entry> find(String messageId);

  /** The thread of the first of these Message-IDs that is known, in the order given. */
  Optional<String> threadOf(List<String> messageIds);

  /**
   * Reserves a Message-ID for a thread unless it is already reserved; the entry as it now stands, so that of two
   * processes reserving the same id both go on with the same thread.
   */
  Entry reserve(String messageId, String threadId);

  /** Marks the message as stored on its thread: the last step of storing it, so a marked message is whole. */
  void markStored(String messageId);
}
