package io.claimdesk.bench;

import java.util.Arrays;

/** Per-call latencies of one measured phase, in nanoseconds. */
final class Latencies {
  private final long[] nanos;
  private final long wallNanos;

  Latencies(long[] nanos, long wallNanos) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
    this.wallNanos = wallNanos;
  }

  int count() {
    return nanos.length;
  }

  double seconds() {
    return wallNanos / 1e9;
  }

  double perSecond() {
    return nanos.length / seconds();
  }

  double percentileMillis(double p) {
    int index = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
    return nanos[Math.max(0, Math.min(index, nanos.length - 1))] / 1e6;
  }
}
