package io.claimdesk.core.session;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the password checks (bcrypt, about a quarter of a second of one core each) running at once: {@code total}
 * over every client, about the number of cores, and {@code perClient} for any one client, so that a flood of
 * guesses from one client cannot make everyone's sign-in wait. A check queues at most {@code queue} for a slot
 * (first come, first served), and is refused after that.
 */
public final class PasswordCheckGate {
  private final Semaphore slots;
  private final int perClient;
  private final Duration queue;
  private final Map<String, Integer> byClient = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  public PasswordCheckGate(int total, int perClient, Duration queue) {
    if (total < 1 || perClient < 1) {
      throw new IllegalArgumentException("total and perClient must be at least 1");
    }
    this.slots = new Semaphore(total, true);
    this.perClient = perClient;
    this.queue = queue;
  }

  /** As many checks at once as there are cores (at least 2), two per client, queued up to 2 seconds. */
  public static PasswordCheckGate forThisMachine() {
    return new PasswordCheckGate(Math.max(2, Runtime.getRuntime().availableProcessors()), 2, Duration.ofSeconds(2));
  }

  /**
   * A place in the client's allowance, taken before anything else is done for the attempt, so that a client
   * already at its bound is refused at once, without a database call; empty then. Closed when the attempt ends.
   */
  public Optional<Pass> enter(String client) {
    String key = client == null ? "" : client;
    boolean[] entered = new boolean[1];
    byClient.compute(key, (k, running) -> {
      int now = running == null ? 0 : running;
      entered[0] = now < perClient;
      return entered[0] ? now + 1 : now;
    });
    return entered[0] ? Optional.of(new Pass(key)) : Optional.empty();
  }

  /** Runs the check in a free slot when the client is within its bound and a slot frees in the queue time. */
  public <T> Optional<T> run(String client, Supplier<T> check) {
    Optional<Pass> pass = enter(client);
    if (pass.isEmpty()) {
      return Optional.empty();
    }
    try (Pass p = pass.get()) {
      return p.check(check);
    }
  }

  /** One client's place: at most one check, run in one of the shared slots. */
  public final class Pass implements AutoCloseable {
    private final String client;
    private boolean closed;

    private Pass(String client) {
      this.client = client;
    }

    /** Runs the check once a shared slot is free; empty when none freed within the queue time. */
    public <T> Optional<T> check(Supplier<T> check) {
      try {
        if (!slots.tryAcquire(queue.toMillis(), TimeUnit.MILLISECONDS)) {
          return Optional.empty();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      try {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return Optional.of(check.get());
      } finally {
        inFlight.decrementAndGet();
        slots.release();
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        byClient.computeIfPresent(client, (k, running) -> running <= 1 ? null : running - 1);
      }
    }
  }

  /** The most checks that ever ran at once, for tests and measurements. */
  public int mostInFlight() {
    return mostInFlight.get();
  }
}
