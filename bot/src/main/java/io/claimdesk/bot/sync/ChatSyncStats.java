package io.claimdesk.bot.sync;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one chat sync. */
public final class ChatSyncStats {
  /** The counters at one moment: calls made, updates skipped because nothing visible changed, failures, queue. */
  public record Snapshot(long posts, long updates, long unchanged, long rateLimited, long failures, int queued) {}

  private final AtomicLong posts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  void posted() {
    posts.incrementAndGet();
  }

  void updated() {
    updates.incrementAndGet();
  }

  void unchanged() {
    unchanged.incrementAndGet();
  }

  void rateLimited() {
    rateLimited.incrementAndGet();
  }

  void failed() {
    failures.incrementAndGet();
  }

  Snapshot snapshot(int queued) {
    return new Snapshot(posts.get(), updates.get(), unchanged.get(), rateLimited.get(), failures.get(), queued);
  }
}
