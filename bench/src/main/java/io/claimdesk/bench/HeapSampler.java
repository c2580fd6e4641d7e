package io.claimdesk.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use while a scenario runs: as the JVM reports it, sampled every 20 ms on a daemon thread
 * (garbage not yet collected included, so near the maximum whenever the collector lets the heap fill), and as each
 * collection left it (what survived it; old garbage a young collection does not look at included).
 */
final class HeapSampler {
  /** The peaks, in MB. */
  record Peak(long inUseMb, long afterCollectionMb) {}

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxBytes;
  private final AtomicLong maxAfterCollectionBytes = new AtomicLong();
  private final NotificationListener afterCollection;

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
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    afterCollection = (Notification n, Object handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
          .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
      maxAfterCollectionBytes.accumulateAndGet(used, Math::max);
    };
  }

  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(sampler.afterCollection, null, null);
    }
    sampler.thread.start();
    return sampler;
  }

  /** Stops sampling; the peaks seen. */
  Peak stop() {
    running = false;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) collector).removeNotificationListener(afterCollection);
      } catch (javax.management.ListenerNotFoundException e) {
        // never added to this one
      }
    }
    return new Peak(maxBytes / (1024 * 1024), maxAfterCollectionBytes.get() / (1024 * 1024));
  }
}
