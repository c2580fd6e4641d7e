package io.claimdesk.core.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies ticket events into {@code assignment_events} and the outbox. A change and its event are written by one
 * atomic update of the ticket (which keeps its latest events), so the event survives any crash; this relay copies
 * events off the request path in batches of a few commands, whatever their size. Every write is idempotent by
 * event id, so an event relayed twice (after a crash, by the sweep and the live queue at once, or by two
 * instances) is stored once. The sweep finds events a crashed process recorded but never relayed: at start
 * everything since the last sweep, then, when {@code sweepEvery} is not zero, every {@code sweepEvery} the window
 * up to ten seconds ago, for instances that share a database with one that died. A single process (the embedded
 * database) needs only the first: its periodic sweep would be a full scan holding the tickets' lock.
 */
public final class EventRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  /** Small batches keep each command short, so that no request waits long behind the relay. */
  private static final int BATCH = 64;
  private static final Duration SWEEP_AGE = Duration.ofSeconds(10);
  private static final Duration SWEEP_OVERLAP = Duration.ofMinutes(1);

  private final RecordedEvents tickets;
  private final OwnerChangeLog history;
  private final EventOutbox outbox;
  private final Clock clock;
  private final Duration sweepEvery;
  private final BlockingQueue<TicketEvent> queue = new LinkedBlockingQueue<>();
  private final Object idle = new Object();
  private final Thread worker;
  private final List<Consumer<TicketEvent>> observers = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private long published;
  private long relayed;

  /** A relay that sweeps {@code tickets} for unrelayed events and copies them to {@code history} and {@code outbox}. */
  public EventRelay(RecordedEvents tickets, OwnerChangeLog history, EventOutbox outbox, Clock clock,
      Duration sweepEvery) {
    this.tickets = tickets;
    this.history = history;
    this.outbox = outbox;
    this.clock = clock;
    this.sweepEvery = sweepEvery;
    this.worker = new Thread(this::run, "claimdesk-event-relay");
    this.worker.setDaemon(true);
  }

  /**
   * Relays every event an earlier process left pending (before returning, so that a restarted app serves a
   * complete history), then starts relaying in the background.
   */
  public EventRelay start() {
    sweep(clock.instant());
    worker.start();
    return this;
  }

  /**
   * Calls {@code observer} with every event this relay publishes, on its own thread once the event is relayed (not
   * with events an earlier process left to the sweep); for metrics and logs. A failing observer is logged. An
   * observer that is {@link AutoCloseable} is closed with the relay, once the last event has reached it.
   */
  public void observe(Consumer<TicketEvent> observer) {
    observers.add(observer);
  }

  /** Hands over an event whose ticket update has been acknowledged. */
  public void publish(TicketEvent event) {
    synchronized (idle) {
      published++;
    }
    queue.add(event);
  }

  /** Waits until every published event has been relayed; false on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (relayed < published) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  private void run() {
    Instant nextSweep = clock.instant().plus(sweepEvery);
    List<TicketEvent> batch = new ArrayList<>();
    long backoffMillis = 100;
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (!sweepEvery.isZero() && !clock.instant().isBefore(nextSweep)) {
          sweep(clock.instant().minus(SWEEP_AGE));
          nextSweep = clock.instant().plus(sweepEvery);
        }
        if (batch.isEmpty()) {
          TicketEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
        }
        relay(batch);
        markRelayed(batch.size());
        tellObservers(batch);
        batch.clear();
        backoffMillis = 100;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The events are safe in their tickets; keep the batch and try again.
        log.error("relaying {} ticket events failed; retrying in {} ms", batch.size(), backoffMillis, e);
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 30_000);
      }
    }
  }

  /** Relays the events recorded since the last sweep (less an overlap) and before {@code until} that are missing. */
  private void sweep(Instant until) {
    Instant from = outbox.sweptUntil().map(t -> t.minus(SWEEP_OVERLAP)).orElse(Instant.EPOCH);
    if (!from.isBefore(until)) {
      return;
    }
    List<TicketEvent> recorded = tickets.recentEvents(from, until);
    for (int i = 0; i < recorded.size(); i += BATCH) {
      List<TicketEvent> chunk = recorded.subList(i, Math.min(recorded.size(), i + BATCH));
      java.util.Set<String> present = outbox.existing(chunk.stream().map(TicketEvent::id).toList());
      List<TicketEvent> missing = chunk.stream().filter(e -> !present.contains(e.id())).toList();
      if (!missing.isEmpty()) {
        log.info("relaying {} ticket events that an earlier process recorded but did not relay", missing.size());
        relay(missing);
      }
    }
    outbox.sweptUntil(until);
  }

  private void relay(List<TicketEvent> batch) {
    history.appendOwnerChanges(batch.stream().filter(TicketEvent::changesOwner).toList());
    outbox.appendAll(batch);
  }

  private void tellObservers(List<TicketEvent> batch) {
    for (Consumer<TicketEvent> observer : observers) {
      for (TicketEvent event : batch) {
        try {
          observer.accept(event);
        } catch (RuntimeException e) {
          log.warn("an observer of ticket events failed on {}: {}", event.id(), e.toString());
        }
      }
    }
  }

  private void markRelayed(int count) {
    synchronized (idle) {
      relayed += count;
      idle.notifyAll();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Relays what is queued, then stops, and closes the observers that can be closed. */
  @Override
  public void close() {
    running = false;
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Consumer<TicketEvent> observer : observers) {
      if (observer instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("could not close the observer {}: {}", observer, e.toString());
        }
      }
    }
  }
}
