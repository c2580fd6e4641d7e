package io.claimdesk.core.mail;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Message-ID claimdesk has seen or sent, with its thread: the key to threading replies and to storing each
 * mail once. An entry is reserved before its message is stored and marked stored after.
 */
public interface MessageIndex {

  /** What is known of this Message-ID. */
  record Entry(String messageId, String threadId, boolean stored) {}

  Optional<Entry> find(String messageId);

  /** What is known of each of these Message-IDs: the known ones, by Message-ID. */
  default Map<String, Entry> findAll(Collection<String> messageIds) {
    Map<String, Entry> found = new HashMap<>();
    for (String messageId : messageIds) {
      find(messageId).ifPresent(entry -> found.put(messageId, entry));
    }
    return found;
  }

  /** The thread of the first of these Message-IDs that is known, in the order given. */
  Optional<String> threadOf(List<String> messageIds);

  /**
   * Reserves a Message-ID for a thread unless it is already reserved; the entry as it now stands, so that of two
   * processes reserving the same id both go on with the same thread.
   */
  Entry reserve(String messageId, String threadId);

  /**
   * {@link #reserve} for each Message-ID of {@code threads} with the thread id it maps to, in a few writes for all
   * of them; the entries as they now stand, by Message-ID.
   */
  default Map<String, Entry> reserveAll(Map<String, String> threads) {
    Map<String, Entry> entries = new HashMap<>();
    threads.forEach((messageId, threadId) -> entries.put(messageId, reserve(messageId, threadId)));
    return entries;
  }

  /**
   * Marks the message as stored on its thread: a journaled write, so when it returns, this and every write before
   * it (a {@link DeferredWrites} job's) are durable.
   */
  void markStored(String messageId);

  /** As {@link #markStored(String)} for each of these, in order: durable with the last, which is journaled. */
  default void markStored(List<String> messageIds) {
    messageIds.forEach(this::markStored);
  }
}
