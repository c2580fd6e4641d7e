package io.claimdesk.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code calls} numbered calls on {@code clients} threads as fast as they go and times each one. */
final class Concurrent {
  private Concurrent() {}

  interface Call {
    void run(int index) throws Exception;
  }

  static Latencies run(int calls, int clients, Call call) throws InterruptedException {
    long[] nanos = new long[calls];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread thread = new Thread(() -> {
        try {
          for (int i = next.getAndIncrement(); i < calls && failure.get() == null; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t0;
          }
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }, "bench-client-" + c);
      thread.start();
    }
    done.await();
    long wall = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return new Latencies(nanos, wall);
  }
}
