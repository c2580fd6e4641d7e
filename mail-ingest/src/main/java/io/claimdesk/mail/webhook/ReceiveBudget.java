package io.claimdesk.mail.webhook;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that unauthenticated webhook requests may be sending at once, shared by every such request: a request
 * reserves its size (declared, or the most it may send) before anything of it is read and gives it back when its
 * body has been read. A flood of big forged posts then costs this much disk and no more; the rest wait their turn
 * (503 with {@code Retry-After}), as providers retry.
 */
final class ReceiveBudget {
  private final long capacity;
  private final AtomicLong reserved = new AtomicLong();

  ReceiveBudget(long capacity) {
    this.capacity = capacity;
  }

  /** True when {@code bytes} fit in what is left, and are now reserved. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = reserved.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (reserved.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }
}
