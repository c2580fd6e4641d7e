package io.claimdesk.core.assignment;

import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the policy when a ticket event says something changed: a new ticket is handed out, a reopened one follows
 * {@code reopenToOwner}, and a ticket given up or resolved frees room for the queue. On one thread of its own, so
 * that the event relay that calls it is never held up by an assignment.
 */
public final class AssignmentTriggers implements Consumer<TicketEvent>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AssignmentTriggers.class);

  private final AssignmentService assignments;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "claimdesk-assignment");
    thread.setDaemon(true);
    return thread;
  });

  public AssignmentTriggers(AssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void accept(TicketEvent event) {
    Runnable step = switch (event.type()) {
      case OutboxEvent.TICKET_CREATED -> () -> assignments.assign(event.threadId());
      case OutboxEvent.UNCLAIMED, OutboxEvent.RELEASED -> assignments::assignWaiting;
      // taken by someone while on offer: the offer goes
      case OutboxEvent.CLAIMED, OutboxEvent.AUTO_CLAIMED, OutboxEvent.REASSIGNED ->
          () -> assignments.ticketTaken(event.threadId());
      // a status change nobody made is mail reopening a resolved ticket; any other may have resolved one
      case OutboxEvent.STATUS_CHANGED -> () -> {
        if (event.actorId() == null) {
          assignments.reopened(event.threadId());
        }
        assignments.ticketTaken(event.threadId());
        assignments.assignWaiting();
      };
      default -> null;
    };
    if (step != null) {
      worker.execute(() -> run(step, event));
    }
  }

  private static void run(Runnable step, TicketEvent event) {
    try {
      step.run();
    } catch (RuntimeException e) {
      // the next trigger or the periodic sweep hands the ticket out
      log.warn("assignment after {} of ticket {} failed: {}", event.type(), event.threadId(), e.toString());
    }
  }

  /** Finishes what is queued (for a few seconds at most), then stops. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
