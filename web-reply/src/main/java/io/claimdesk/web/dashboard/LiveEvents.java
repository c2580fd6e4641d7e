package io.claimdesk.web.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.event.OutboxCursor;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.web.http.Json;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-update stream of the dashboard ({@code /dashboard/events}), fed by the event outbox: every claim,
 * unclaim, reply, status change and new mail, from any channel and any instance, reaches every open page. Each
 * event's id is its outbox sequence number, so a browser that reconnects with {@code Last-Event-ID} first gets
 * what it missed (up to {@link #REPLAY_LIMIT} events; a page further behind reloads itself).
 */
public final class LiveEvents implements AutoCloseable {
  static final int REPLAY_LIMIT = 500;
  static final Key<LiveEvents> KEY = new Key<>("claimdesk.liveEvents");
  private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
  private static final Duration POLL = Duration.ofMillis(150);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final EventOutbox outbox;
  private final OutboxCursor cursor;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dashboard-live-events");
    t.setDaemon(true);
    return t;
  });

  public LiveEvents(EventOutbox outbox, Clock clock) {
    this.outbox = outbox;
    // events that never arrive are given up quickly: a page can always reload, it must not stall
    this.cursor = OutboxCursor.atHead(outbox, Duration.ofSeconds(5), clock);
  }

  /** Starts following the outbox. */
  public LiveEvents start() {
    timer.scheduleWithFixedDelay(this::pump, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Handles one browser's stream: replays what it missed, then keeps it for live events. */
  public void connect(SseClient client) {
    client.keepAlive();
    client.onClose(() -> gone(client));
    long lastSeen = lastEventId(client.ctx().header("Last-Event-ID"));
    synchronized (lock) {
      long position = cursor.position();
      if (lastSeen >= 0 && lastSeen < position) {
        if (position - lastSeen > REPLAY_LIMIT) {
          client.sendEvent("reload", "{}", String.valueOf(position));
        } else {
          for (OutboxEvent event : outbox.readAfter(lastSeen, (int) (position - lastSeen))) {
            if (event.seq() <= position) {
              send(client, event);
            }
          }
        }
      } else {
        client.sendEvent("hello", "{}", String.valueOf(position));
      }
      clients.add(client);
    }
  }

  /**
   * Tells this instance's open pages that a member changed (availability, role, capacity): list pages such as the
   * team page fetch themselves again. Pages on other instances show it on their next refresh.
   */
  public void membersChanged() {
    synchronized (lock) { // one writer per stream at a time, as the pump
      for (SseClient client : clients) {
        if (client.terminated()) {
          gone(client);
          continue;
        }
        try {
          client.sendEvent("member", "{}");
        } catch (RuntimeException e) {
          clients.remove(client);
        }
      }
    }
  }

  /**
   * Sends a named event with a JSON body to this instance's open pages (offers made, answered or gone: see the
   * assignment package); what else a page should know comes from the outbox.
   */
  public void signal(String name, String json) {
    synchronized (lock) {
      for (SseClient client : clients) {
        try {
          client.sendEvent(name, json);
        } catch (RuntimeException e) {
          clients.remove(client);
        }
      }
    }
  }

  /** The stream of this server, for routes installed after the dashboard's (the assignment's). */
  public static LiveEvents of(Javalin app) {
    return app.unsafeConfig().pvt.appDataManager.get(KEY);
  }

  /** How many browsers are connected. */
  public int connected() {
    return clients.size();
  }

  private void pump() {
    try {
      synchronized (lock) {
        List<OutboxEvent> events = cursor.poll(256);
        for (OutboxEvent event : events) {
          for (SseClient client : clients) {
            send(client, event);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("dashboard live events: reading the outbox failed; retrying", e);
    }
  }

  private void heartbeat() {
    for (SseClient client : clients) {
      if (client.terminated()) {
        gone(client);
        continue;
      }
      try {
        client.sendComment("keep-alive");
      } catch (RuntimeException e) {
        clients.remove(client);
      }
    }
  }

  private void send(SseClient client, OutboxEvent event) {
    if (client.terminated()) {
      gone(client);
      return;
    }
    try {
      client.sendEvent("ticket", json(event), String.valueOf(event.seq()));
    } catch (RuntimeException e) {
      clients.remove(client);
    }
  }

  /**
   * A browser left (a tab closed, a page followed a link): normal, so said at debug. Javalin warns about every
   * write to a stream that ended, which is why each write above first asks whether the stream is still there.
   */
  private void gone(SseClient client) {
    if (clients.remove(client)) {
      log.debug("dashboard live events: a browser left; {} still connected", clients.size());
    }
  }

  static String json(OutboxEvent event) {
    try {
      return Json.MAPPER.writeValueAsString(Map.of("type", event.type(), "threadId", event.threadId(),
          "version", event.version(), "via", event.via() == null ? "" : event.via()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an outbox event as JSON", e);
    }
  }

  private static long lastEventId(String header) {
    if (header == null || !header.matches("\\d{1,18}")) {
      return -1;
    }
    return Long.parseLong(header);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (SseClient client : clients) {
      client.close();
    }
  }
}
