package io.claimdesk.core.event;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves ticket events from their ticket documents into {@code assignment_events} and the outbox. A change and its
 * event are written by one atomic update, so the event survives any crash; this relay then copies events in
 * batches (a few commands per batch, whatever its size) off the request path, and clears them from the tickets.
 * Every write is idempotent by event id, so an event relayed twice (after a crash, or by the sweep and the live
 * queue at once, or by two instances) is stored once. The sweep picks up events a crashed process left behind:
 * all of them at start, then every {@code sweepEvery} those older than ten seconds.
 */
public final class EventRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  private static final int BATCH = 500;
  private static final int MAX_SWEEP_BATCHES = 1000;
  private static final Duration SWEEP_AGE = Duration.ofSeconds(10);

  private final TicketStore tickets;
  private final AssignmentLog history;
  private final EventOutbox outbox;
  private final Clock clock;
  private final Duration sweepEvery;
  private final BlockingQueue<TicketEvent> queue = new LinkedBlockingQueue<>();
  private final Object idle = new Object();
  private final Thread worker;
  private volatile boolean running = true;
  private long published;
  private long relayed;

  public EventRelay(TicketStore tickets, AssignmentLog history, EventOutbox outbox, Clock clock, Duration sweepEvery) {
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
    sweep(clock.instant().plusSeconds(1));
    worker.start();
    return this;
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
        if (!clock.instant().isBefore(nextSweep)) {
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

  /** Relays events recorded before {@code cutoff} that are still pending, in batches until none is left. */
  private void sweep(Instant cutoff) {
    // bounded, so that events that somehow cannot be cleared never keep the relay here
    for (int round = 0; round < MAX_SWEEP_BATCHES; round++) {
      List<TicketEvent> stranded = tickets.pendingEvents(cutoff, BATCH);
      if (stranded.isEmpty()) {
        return;
      }
      log.info("relaying {} ticket events left pending by an earlier process", stranded.size());
      relay(stranded);
    }
  }

  private void relay(List<TicketEvent> batch) {
    List<AssignmentEvent> assignments = new ArrayList<>();
    for (TicketEvent e : batch) {
      if (e.changesOwner()) {
        assignments.add(new AssignmentEvent(e.id(), e.threadId(), AssignmentAction.of(e.type()), e.actorId(),
            e.actorEmail(), e.previousOwnerId(), e.previousOwnerEmail(), e.newOwnerId(), e.newOwnerEmail(),
            Via.of(e.via()), e.at()));
      }
    }
    history.appendAll(assignments);
    outbox.appendAll(batch);
    tickets.clearPendingEvents(batch);
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

  /** Relays what is queued, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
