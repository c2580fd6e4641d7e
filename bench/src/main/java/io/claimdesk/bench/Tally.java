package io.claimdesk.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes of many requests counted by kind ({@code 600 × 401}), with the body bytes each kind had sent when it
 * ended and its slowest time: a server that refuses early shows small byte counts, one that reads everything the
 * whole body. Thread-safe.
 */
final class Tally {
  private record Seen(int count, long minSent, long maxSent, double maxSeconds) {}

  private final Map<String, Seen> byKind = new TreeMap<>();

  synchronized void add(RawHttp.Answer answer) {
    byKind.merge(answer.kind(), new Seen(1, answer.sent(), answer.sent(), answer.seconds()),
        (a, b) -> new Seen(a.count + b.count, Math.min(a.minSent, b.minSent), Math.max(a.maxSent, b.maxSent),
            Math.max(a.maxSeconds, b.maxSeconds)));
  }

  synchronized int count(String kind) {
    Seen seen = byKind.get(kind);
    return seen == null ? 0 : seen.count;
  }

  synchronized int total() {
    return byKind.values().stream().mapToInt(Seen::count).sum();
  }

  /** For example {@code 40 × 413 (after 1.0–1.2 MB sent, ≤ 0.4 s)}; with bytes only when {@code withBytes}. */
  synchronized String describe(boolean withBytes) {
    StringBuilder out = new StringBuilder();
    byKind.forEach((kind, seen) -> {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(seen.count).append(" × ").append(kind);
      if (withBytes) {
        out.append(" (after ").append(mb(seen.minSent));
        if (seen.maxSent != seen.minSent) {
          out.append('–').append(mb(seen.maxSent));
        }
        out.append(" sent, ≤ ").append(String.format("%.1f s", seen.maxSeconds)).append(')');
      }
    });
    return out.length() == 0 ? "nothing sent" : out.toString();
  }

  static String mb(long bytes) {
    return bytes < 1024 * 1024 ? String.format("%.0f kB", bytes / 1024.0)
        : String.format("%.1f MB", bytes / (1024.0 * 1024));
  }
}
