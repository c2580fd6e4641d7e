package io.claimdesk.core.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's position in the outbox. It hands out events strictly in sequence order and never skips a number
 * that may still be written: at a missing number it waits, and only gives the number up after {@code gapTimeout}
 * (its writer died between taking the number and writing the event). Not thread-safe: one reader, one cursor.
 */
public final class OutboxCursor {
  private static final Logger log = LoggerFactory.getLogger(OutboxCursor.class);

  private final EventOutbox outbox;
  private final Duration gapTimeout;
  private final Clock clock;
  private long position;
  private Instant gapSeenAt;

  public OutboxCursor(EventOutbox outbox, long position, Duration gapTimeout, Clock clock) {
    this.outbox = outbox;
    this.position = position;
    this.gapTimeout = gapTimeout;
    this.clock = clock;
  }

  /** A cursor that starts after the newest event, for readers that only want what happens from now on. */
  public static OutboxCursor atHead(EventOutbox outbox, Duration gapTimeout, Clock clock) {
    return new OutboxCursor(outbox, outbox.head(), gapTimeout, clock);
  }

  /**
   * A cursor for a named consumer that resumes after the position it last saved with {@link #save}; consumers
   * that must not miss an event across restarts (chat sync) use this.
   */
  public static OutboxCursor resume(EventOutbox outbox, String consumer, Duration gapTimeout, Clock clock) {
    return new OutboxCursor(outbox, outbox.position(consumer), gapTimeout, clock);
  }

  /** Saves the position under the consumer's name, once the events handed out so far have been handled. */
  public void save(String consumer) {
    outbox.savePosition(consumer, position);
  }

  /** The sequence number of the last event handed out (or given up). */
  public long position() {
    return position;
  }

  /** Up to {@code max} events after the position, in order; empty when there is nothing new yet. */
  public List<OutboxEvent> poll(int max) {
    long head = outbox.head();
    if (head <= position) {
      return List.of();
    }
    int window = (int) Math.min(max, head - position);
    Map<Long, OutboxEvent> found = new HashMap<>();
    for (OutboxEvent event : outbox.readAfter(position, window)) {
      found.put(event.seq(), event);
    }
    List<OutboxEvent> result = new ArrayList<>();
    // fixed before the loop moves the position: looking past the head would take "not numbered yet" for a gap
    long end = position + window;
    for (long seq = position + 1; seq <= end; seq++) {
      OutboxEvent event = found.get(seq);
      if (event == null && !gapExpired()) {
        break;
      }
      if (event == null) {
        log.warn("outbox event {} was never written; skipping it after {}", seq, gapTimeout);
      } else {
        result.add(event);
      }
      gapSeenAt = null;
      position = seq;
    }
    return result;
  }

  private boolean gapExpired() {
    Instant now = clock.instant();
    if (gapSeenAt == null) {
      gapSeenAt = now;
    }
    return !now.isBefore(gapSeenAt.plus(gapTimeout));
  }
}
