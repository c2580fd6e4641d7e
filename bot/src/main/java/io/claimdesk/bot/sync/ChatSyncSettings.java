package io.claimdesk.bot.sync;

import java.time.Duration;

/**
 * How a {@link ChatSync} paces and retries. {@link #slack} follows Slack's published limits: about one post per
 * second per channel, and {@code chat.update} in Tier 3 (50 a minute): a burst of 3 then one every 1.3 s stays at
 * 49 in any minute.
 */
public record ChatSyncSettings(
    int postBurst,
    Duration postInterval,
    int updateBurst,
    Duration updateInterval,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration rejectedPause,
    Duration lease,
    Duration poll,
    Duration outboxGap) {

  public static ChatSyncSettings slack() {
    return new ChatSyncSettings(1, Duration.ofSeconds(1), 3, Duration.ofMillis(1300), Duration.ofSeconds(1),
        Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMillis(150),
        Duration.ofSeconds(10));
  }

  /**
   * Discord: message creates and edits in a channel share a bucket of about 5 per 5 s; JDA's rate limiter follows
   * the {@code X-RateLimit-*} headers exactly, so this only keeps the sync from queueing far ahead of it.
   */
  public static ChatSyncSettings discord() {
    return new ChatSyncSettings(5, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMillis(150),
        Duration.ofSeconds(10));
  }
}
