package io.claimdesk.bot.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: up to {@code burst} calls at once, then one per {@code interval}. With a burst of b and an
 * interval of i, no 60-second window holds more than b + 60/i calls, which is how the sync stays under a chat
 * tool's published per-minute limit instead of discovering it through 429s. Not thread-safe (one sync thread).
 */
final class Pacer {
  private final int burst;
  private final Duration interval;
  private double tokens;
  private Instant refilledAt;

  Pacer(int burst, Duration interval, Instant now) {
    this.burst = burst;
    this.interval = interval;
    this.tokens = burst;
    this.refilledAt = now;
  }

  /** How long until a call may be made; zero when one may be made now. */
  Duration wait(Instant now) {
    refill(now);
    if (tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) * interval.toNanos()));
  }

  /** Spends one call; call only when {@link #wait} is zero. */
  void take(Instant now) {
    refill(now);
    tokens -= 1;
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      tokens = Math.min(burst, tokens + (double) Duration.between(refilledAt, now).toNanos() / interval.toNanos());
      refilledAt = now;
    }
  }
}
