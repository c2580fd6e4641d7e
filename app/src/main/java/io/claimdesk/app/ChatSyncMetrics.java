package io.claimdesk.app;

import io.claimdesk.bot.sync.ChatSync;
import io.claimdesk.bot.sync.ChatSyncStats;
import io.claimdesk.web.health.Metrics;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Shows a chat sync's counters on {@code GET /metrics}, labelled with its target ({@code slack:C0123}). */
final class ChatSyncMetrics {
  private ChatSyncMetrics() {}

  static void register(Metrics metrics, ChatSync sync) {
    Map<String, String> target = Map.of("target", sync.targetKey());
    counter(metrics, "claimdesk_chat_posts_total", "Ticket messages posted", target, sync, ChatSyncStats.Snapshot::posts);
    counter(metrics, "claimdesk_chat_updates_total", "Ticket messages updated", target, sync,
        ChatSyncStats.Snapshot::updates);
    counter(metrics, "claimdesk_chat_unchanged_total", "Updates skipped because nothing visible changed", target,
        sync, ChatSyncStats.Snapshot::unchanged);
    counter(metrics, "claimdesk_chat_rate_limited_total", "Calls the chat answered with a rate limit", target, sync,
        ChatSyncStats.Snapshot::rateLimited);
    counter(metrics, "claimdesk_chat_failures_total", "Calls that failed otherwise (retried later)", target, sync,
        ChatSyncStats.Snapshot::failures);
    metrics.register("claimdesk_chat_queued", "Tickets whose message waits for a post or an update",
        Metrics.Type.GAUGE, target, () -> sync.stats().queued());
  }

  private static void counter(Metrics metrics, String name, String help, Map<String, String> labels, ChatSync sync,
      ToLongFunction<ChatSyncStats.Snapshot> read) {
    metrics.register(name, help, Metrics.Type.COUNTER, labels, () -> read.applyAsLong(sync.stats()));
  }
}
