package io.claimdesk.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work while this instance holds its lease: {@link #hold} names a lease and what to start under it. Every
 * {@code tick} a lease not held is tried; a held one is renewed every {@code renewEvery}. Gaining a lease starts
 * its work with the lease's epoch; losing it (another holder took it, or it could not be renewed before it expired)
 * stops the work. {@link #close()} stops every work and releases its lease, so another instance takes over at its
 * next tick. The defaults (TTL 15 s, renew every 5 s, tick 1 s) bound a takeover after a kill to TTL + tick.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  public static final Duration TTL = Duration.ofSeconds(15);
  public static final Duration RENEW_EVERY = Duration.ofSeconds(5);
  public static final Duration TICK = Duration.ofSeconds(1);

  /** Work done under a lease: started with the lease's epoch; closing what it returns stops it. */
  @FunctionalInterface
  public interface Work {
    AutoCloseable start(long epoch) throws Exception;
  }

  private final LeaseStore store;
  private final String holder;
  private final Clock clock;
  private final Duration ttl;
  private final Duration renewEvery;
  private final Duration tick;
  private final Map<String, Held> leases = new ConcurrentHashMap<>();
  private ScheduledFuture<?> ticking;
  private boolean closed;

  public LeaseKeeper(LeaseStore store, String holder, Clock clock, Duration ttl, Duration renewEvery, Duration tick) {
    if (renewEvery.compareTo(ttl) >= 0 || tick.compareTo(renewEvery) > 0) {
      throw new IllegalArgumentException("need tick <= renewEvery < ttl, got " + tick + ", " + renewEvery + ", " + ttl);
    }
    this.store = store;
    this.holder = holder;
    this.clock = clock;
    this.ttl = ttl;
    this.renewEvery = renewEvery;
    this.tick = tick;
  }

  /** A keeper with the default timing. */
  public LeaseKeeper(LeaseStore store, String holder, Clock clock) {
    this(store, holder, clock, TTL, RENEW_EVERY, TICK);
  }

  /** A new holder id for one start of this process: random, so a restarted instance is a new holder. */
  public static String newHolderId() {
    return UUID.randomUUID().toString();
  }

  /** This instance's holder id. */
  public String holder() {
    return holder;
  }

  /** Runs {@code work} whenever this instance holds {@code name}; tried at the next tick. */
  public synchronized LeaseKeeper hold(String name, Work work) {
    if (leases.putIfAbsent(name, new Held(work)) != null) {
      throw new IllegalArgumentException("lease " + name + " is already kept");
    }
    return this;
  }

  /** Ticks on {@code scheduler} from now on, the first at once. */
  public synchronized LeaseKeeper start(ScheduledExecutorService scheduler) {
    ticking = scheduler.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Every lease kept, by name, and whether this instance holds it now. Never waits for a tick. */
  public Map<String, Boolean> held() {
    Map<String, Boolean> held = new TreeMap<>();
    leases.forEach((name, h) -> held.put(name, h.lease != null));
    return held;
  }

  /** The epoch this instance holds {@code name} at, or 0 when it does not hold it. */
  public long epoch(String name) {
    Held h = leases.get(name);
    Lease lease = h == null ? null : h.lease;
    return lease == null ? 0 : lease.epoch();
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("lease tick failed", e); // the next tick tries again
    }
  }

  /** One round: tries each lease not held, renews each held one that is due. */
  synchronized void tick() {
    if (closed) {
      return;
    }
    leases.forEach((name, h) -> {
      if (h.lease == null) {
        if (h.stopping == null || !h.stopping.isAlive()) { // never two of one work in this instance
          tryAcquire(name, h);
        }
      } else if (!clock.instant().isBefore(h.renewedAt.plus(renewEvery))) {
        renew(name, h);
      }
    });
  }

  private void tryAcquire(String name, Held h) {
    Lease lease;
    try {
      lease = store.tryAcquire(name, holder, ttl).orElse(null);
    } catch (RuntimeException e) {
      log.debug("lease {}: could not ask the database ({})", name, e.toString());
      return;
    }
    if (lease == null) {
      return;
    }
    h.lease = lease;
    h.renewedAt = clock.instant();
    log.info("lease {} gained by {} at epoch {}", name, holder, lease.epoch());
    try {
      h.running = h.work.start(lease.epoch());
    } catch (Exception e) {
      log.error("lease {}: its work failed to start; releasing it", name, e);
      h.lease = null;
      release(name, lease);
    }
  }

  private void renew(String name, Held h) {
    Instant now = clock.instant();
    try {
      var renewed = store.renew(name, holder, h.lease.epoch(), ttl);
      if (renewed.isPresent()) {
        h.lease = renewed.get();
        h.renewedAt = now;
      } else {
        lose(name, h, "another instance holds it");
      }
    } catch (RuntimeException e) {
      // another instance may take it once it expires: the work stops a tick before that
      if (!now.plus(tick).isBefore(h.lease.expiresAt())) {
        lose(name, h, "it could not be renewed before it expired (" + e.getMessage() + ")");
      } else {
        log.warn("lease {}: renewal failed, retrying until it expires at {} ({})", name, h.lease.expiresAt(),
            e.toString());
      }
    }
  }

  /**
   * Stops the work on a thread of its own: a slow stop (a poller finishing its batch) must not hold up the renewal
   * of the other leases. The lease is not tried again until it has stopped.
   */
  private void lose(String name, Held h, String why) {
    log.warn("lease {} lost by {} at epoch {}: {}; stopping its work", name, holder, h.lease.epoch(), why);
    h.lease = null;
    AutoCloseable running = h.running;
    h.running = null;
    h.stopping = new Thread(() -> stop(name, running), "claimdesk-lease-stop");
    h.stopping.start();
  }

  /** Waits for the work of lost leases to stop. */
  void awaitStops() throws InterruptedException {
    for (Held h : leases.values()) {
      Thread stopping = h.stopping;
      if (stopping != null) {
        stopping.join();
      }
    }
  }

  private static void stop(String name, Held h) {
    AutoCloseable running = h.running;
    h.running = null;
    stop(name, running);
  }

  private static void stop(String name, AutoCloseable running) {
    if (running != null) {
      try {
        running.close();
      } catch (Exception e) {
        log.error("lease {}: stopping its work failed", name, e);
      }
    }
  }

  private void release(String name, Lease lease) {
    try {
      store.release(name, holder, lease.epoch());
    } catch (RuntimeException e) {
      log.warn("lease {}: release failed, it expires at {} ({})", name, lease.expiresAt(), e.toString());
    }
  }

  /** Stops every work and releases its lease: another instance takes it over at its next tick. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
    try {
      awaitStops();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leases.forEach((name, h) -> {
      stop(name, h);
      if (h.lease != null) {
        release(name, h.lease);
        log.info("lease {} released by {} at epoch {}", name, holder, h.lease.epoch());
        h.lease = null;
      }
    });
  }

  /** One kept lease: its work, and while held, the lease, when it was last renewed and the work running. */
  private static final class Held {
    final Work work;
    volatile Lease lease; // read without the keeper's lock by held() and epoch()
    Instant renewedAt;
    AutoCloseable running;
    volatile Thread stopping; // read by awaitStops() without the lock

    Held(Work work) {
      this.work = work;
    }
  }
}
