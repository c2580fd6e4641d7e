package io.claimdesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The most heap in use at once, sampled every 20 ms on a daemon thread while a scenario runs. */
final class HeapSampler {
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxBytes;

  private HeapSampler() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    thread = new Thread(() -> {
      while (running) {
        maxBytes = Math.max(maxBytes, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    thread.setDaemon(true);
  }

  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.thread.start();
    return sampler;
  }

  /** Stops sampling; the most heap seen in use, in MB. */
  long stop() {
    running = false;
    return maxBytes / (1024 * 1024);
  }
}
