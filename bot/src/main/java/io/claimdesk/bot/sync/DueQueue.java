package io.claimdesk.bot.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tickets waiting for their chat message to be brought up to date, each once, earliest due first (first come
 * first served on ties). Scheduling a ticket that is already waiting keeps the earlier time: a burst of changes to
 * one ticket is one piece of work. Not thread-safe (one sync thread).
 */
final class DueQueue {
  private record Entry(Instant due, long order, String threadId) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int byTime = due.compareTo(other.due);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private final TreeSet<Entry> byDue = new TreeSet<>();
  private final Map<String, Entry> byThread = new HashMap<>();
  private long order;

  void schedule(String threadId, Instant due) {
    Entry existing = byThread.get(threadId);
    if (existing != null && !existing.due().isAfter(due)) {
      return;
    }
    if (existing != null) {
      byDue.remove(existing);
    }
    Entry entry = new Entry(due, order++, threadId);
    byDue.add(entry);
    byThread.put(threadId, entry);
  }

  /** The ticket due first if it is due at {@code now}, removed from the queue. */
  Optional<String> pollDue(Instant now) {
    Entry first = byDue.isEmpty() ? null : byDue.first();
    if (first == null || first.due().isAfter(now)) {
      return Optional.empty();
    }
    byDue.pollFirst();
    byThread.remove(first.threadId());
    return Optional.of(first.threadId());
  }

  /** When the next ticket is due, if any is waiting. */
  Optional<Instant> nextDue() {
    return byDue.isEmpty() ? Optional.empty() : Optional.of(byDue.first().due());
  }

  int size() {
    return byThread.size();
  }
}
