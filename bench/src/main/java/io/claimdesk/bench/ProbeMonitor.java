package io.claimdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server's process and its health check do while one probe runs: the child's resident memory every 50 ms
 * and {@code GET /healthz} every 100 ms from a thread of its own, each on a fresh connection with a 5 s limit. A
 * check that failed or timed out counts as a failure and its time is kept among the latencies, so that a server
 * too busy to answer shows in the p95 and not only in the failure count.
 */
final class ProbeMonitor {
  private static final Duration HEALTH_LIMIT = Duration.ofSeconds(5);
  /**
   * The checks come from an address no probe uses, as another user's requests would: claimdesk queues the requests
   * of one address beyond its share, so checks from the attacking address would measure that queue instead.
   */
  private static final String HEALTH_SOURCE = "127.0.0.9";

  /** RSS in MB before the probe and at its peak; /healthz latencies in ms and failures. */
  record Result(long rssBeforeMb, long rssPeakMb, Latencies health, int healthFailures) {}

  private final ChildProcess child;
  private final long rssBeforeKb;
  private volatile boolean running = true;
  private volatile long rssPeakKb;
  private final List<Long> healthNanos = new ArrayList<>();
  private int healthFailures;
  private final long start = System.nanoTime();
  private final Thread rss;
  private final Thread health;

  private ProbeMonitor(ChildProcess child) {
    this.child = child;
    this.rssBeforeKb = child.rssKb();
    this.rssPeakKb = rssBeforeKb;
    rss = new Thread(this::sampleRss, "bench-rss-sampler");
    health = new Thread(this::checkHealth, "bench-healthz-prober");
  }

  static ProbeMonitor start(ChildProcess child) {
    ProbeMonitor monitor = new ProbeMonitor(child);
    monitor.rss.setDaemon(true);
    monitor.health.setDaemon(true);
    monitor.rss.start();
    monitor.health.start();
    return monitor;
  }

  Result stop() throws InterruptedException {
    running = false;
    rss.join();
    health.join();
    long[] nanos;
    synchronized (healthNanos) {
      nanos = healthNanos.stream().mapToLong(Long::longValue).toArray();
    }
    return new Result(rssBeforeKb / 1024, rssPeakKb / 1024, new Latencies(nanos, System.nanoTime() - start),
        healthFailures);
  }

  private void sampleRss() {
    while (running) {
      rssPeakKb = Math.max(rssPeakKb, child.rssKb());
      sleep(50);
    }
  }

  private void checkHealth() {
    while (running) {
      long t0 = System.nanoTime();
      RawHttp.Answer answer = RawHttp.get(HEALTH_SOURCE, child.port(), "/healthz", HEALTH_LIMIT);
      long took = System.nanoTime() - t0;
      synchronized (healthNanos) {
        healthNanos.add(took);
        if (answer.status() != 200) {
          healthFailures++;
        }
      }
      sleep(Math.max(0, 100 - took / 1_000_000));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
