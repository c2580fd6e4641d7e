package io.claimdesk.store.embedded;

import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.event.OutboxCursor;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link QueueIndex} right when other processes write to the same embedded database (a second claimdesk
 * through {@code EMBEDDED_MONGO_ADDRESS}): every change writes an outbox event carrying the ticket's new version,
 * so the follower reads again only the tickets whose event is newer than what the index holds; this process's own
 * writes are already there and cost nothing.
 */
final class OutboxFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxFollower.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int BATCH = 500;

  private final OutboxCursor cursor;
  private final TicketStore store;
  private final QueueIndex index;
  private final SearchIndex search;
  private final Thread thread;
  private volatile boolean running = true;

  OutboxFollower(EventOutbox outbox, long position, TicketStore store, QueueIndex index, SearchIndex search,
      Clock clock) {
    this.cursor = new OutboxCursor(outbox, position, Duration.ofSeconds(5), clock);
    this.store = store;
    this.index = index;
    this.search = search;
    this.thread = new Thread(this::run, "queue-index-follower");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        List<OutboxEvent> events = cursor.poll(BATCH);
        for (OutboxEvent event : events) {
          if (!index.knows(event.threadId(), event.version())) {
            store.searchable(event.threadId()).ifPresent(found -> {
              index.apply(found.ticket());
              search.put(found); // its messages too: another process appended them
            });
          }
        }
        if (events.size() < BATCH) {
          Thread.sleep(POLL.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the database is away: the events wait in the outbox, and the index catches up once it is back
        log.warn("queue index could not follow the outbox: {}", e.toString());
        try {
          Thread.sleep(POLL.toMillis() * 4);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
