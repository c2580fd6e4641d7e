package io.claimdesk.bot.sync;

import io.claimdesk.core.chat.ChatMessageState;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.event.OutboxCursor;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one chat target's messages in step with the tickets. It reads the event outbox (resuming where it stopped),
 * marks each changed ticket as wanted at its new version in {@link ChatSyncStore}, and works through the wanted
 * tickets: a ticket without a message is posted once, a ticket with one is rendered from its <em>current</em> state
 * and updated, so a burst of changes becomes one update. Calls are paced under the target's limits; a rate limit
 * pauses the target for the time asked, a failure pauses it with growing backoff; nothing is dropped because the
 * wanted version stays in the store until a call succeeds. Leases in the store keep instances from working on the
 * same message, and a post whose outcome is unknown is looked up in the chat before it is made again.
 */
public final class ChatSync implements AutoCloseable {
  /** How long a stopping instance keeps posting what is due. */
  public static final Duration FLUSH_AT_STOP = Duration.ofSeconds(3);
  private static final Logger log = LoggerFactory.getLogger(ChatSync.class);
  private static final int BATCH = 500;
  private static final int RESUME_LIMIT = 100_000;
  /** How far before a recorded post attempt a lookup searches, for clocks that disagree a little. */
  private static final Duration LOOKUP_SLACK = Duration.ofMinutes(1);

  private final ChatTarget target;
  private final TicketStore tickets;
  private final ChatSyncStore store;
  private final EventOutbox outbox;
  private final Clock clock;
  private final ChatSyncSettings settings;
  private final String baseUrl;
  private final String holder = UUID.randomUUID().toString();
  private final String consumer;
  private final DueQueue queue = new DueQueue();
  private final Pacer posts;
  private final Pacer updates;
  private final ChatSyncStats stats = new ChatSyncStats();
  private OutboxCursor cursor;
  private Instant pausedUntil = Instant.EPOCH;
  private Duration backoff = Duration.ZERO;
  private volatile int queueSize;
  private volatile boolean running;
  /** Nothing new in the outbox and nothing due: what a flush before stopping waits for. */
  private volatile boolean idle;
  private Thread thread;

  public ChatSync(ChatTarget target, TicketStore tickets, ChatSyncStore store, EventOutbox outbox, Clock clock,
      ChatSyncSettings settings, String baseUrl) {
    this.target = target;
    this.tickets = tickets;
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
    this.baseUrl = baseUrl;
    this.consumer = "chat:" + target.key();
    this.posts = new Pacer(settings.postBurst(), settings.postInterval(), clock.instant());
    this.updates = new Pacer(settings.updateBurst(), settings.updateInterval(), clock.instant());
  }

  /**
   * Resumes the outbox where this target stopped and queues every message left behind. On the target's first
   * start it begins at the newest event and queues the tickets that are not resolved, so that connecting a chat
   * shows the open work without replaying history.
   */
  public ChatSync start() {
    if (outbox.position(consumer) == 0) {
      cursor = OutboxCursor.atHead(outbox, settings.outboxGap(), clock);
      Map<String, Long> open = new HashMap<>();
      tickets.forEachUnresolved(ticket -> open.put(ticket.id(), ticket.version()));
      want(open);
      cursor.save(consumer);
      log.info("{}: first start, {} open tickets to post", target.key(), open.size());
    } else {
      cursor = OutboxCursor.resume(outbox, consumer, settings.outboxGap(), clock);
    }
    for (ChatMessageState state : store.behind(target.key(), RESUME_LIMIT)) {
      queue.schedule(state.threadId(), clock.instant());
    }
    running = true;
    thread = new Thread(this::run, "chat-sync-" + target.key());
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** The target this sync keeps current: {@code slack:C0123}. */
  public String targetKey() {
    return target.key();
  }

  /** Counters since start, for logs, metrics and the bench. */
  public ChatSyncStats.Snapshot stats() {
    return stats.snapshot(queueSize);
  }

  private void run() {
    while (running) {
      try {
        int read = readOutbox();
        Instant now = clock.instant();
        Optional<String> due = now.isBefore(pausedUntil) ? Optional.empty() : queue.pollDue(now);
        if (due.isPresent()) {
          idle = false;
          sync(due.get());
        } else {
          idle = read == 0;
          sleepUntilNextWork(now);
        }
        queueSize = queue.size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the database, most likely: nothing is lost, the wanted versions stay stored; try again shortly
        log.warn("{}: chat sync step failed, retrying: {}", target.key(), e.toString());
        sleep(settings.firstBackoff());
      }
    }
  }

  /** Reads what the outbox has new; how many events that was. */
  private int readOutbox() {
    List<OutboxEvent> events = cursor.poll(BATCH);
    if (events.isEmpty()) {
      return 0;
    }
    Map<String, Long> versions = new HashMap<>();
    for (OutboxEvent event : events) {
      versions.merge(event.threadId(), event.version(), Math::max);
    }
    want(versions);
    cursor.save(consumer);
    return events.size();
  }

  private void want(Map<String, Long> versions) {
    store.want(target.key(), versions);
    Instant now = clock.instant();
    versions.keySet().forEach(threadId -> queue.schedule(threadId, now));
  }

  private void sleepUntilNextWork(Instant now) throws InterruptedException {
    Instant wake = now.plus(settings.poll());
    Optional<Instant> next = queue.nextDue().map(due -> due.isBefore(pausedUntil) ? pausedUntil : due);
    if (next.isPresent() && next.get().isBefore(wake)) {
      wake = next.get();
    }
    long millis = Math.max(1, Duration.between(now, wake).toMillis());
    TimeUnit.MILLISECONDS.sleep(millis);
  }

  private void sync(String threadId) throws InterruptedException {
    Instant now = clock.instant();
    Optional<ChatMessageState> leased = store.lease(target.key(), threadId, holder, now, settings.lease());
    if (leased.isEmpty()) {
      // another instance is on it; look again when its lease ends, in case it died
      store.find(target.key(), threadId).filter(ChatMessageState::behind)
          .ifPresent(state -> queue.schedule(threadId, state.leaseUntil().plusMillis(100)));
      return;
    }
    ChatMessageState state = leased.get();
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (!state.behind() || ticket.isEmpty()) {
      store.rendered(target.key(), threadId, holder, state.wantedVersion(), state.fingerprint());
      return;
    }
    try {
      apply(state, ticket.get());
      backoff = Duration.ZERO;
    } catch (ChatException e) {
      if (e.kind() == ChatException.Kind.GONE) {
        // deleted in the chat: the team removed it on purpose, so it is not posted again
        log.warn("{}: the message of ticket {} no longer exists; leaving it", target.key(), threadId);
        stats.failed();
        store.rendered(target.key(), threadId, holder, state.wantedVersion(), state.fingerprint());
        return;
      }
      store.release(target.key(), threadId, holder);
      queue.schedule(threadId, failed(e, threadId));
    } catch (RuntimeException e) {
      queue.schedule(threadId, clock.instant().plus(settings.maxBackoff()));
      throw e;
    }
  }

  /** The answered-call line when it is the ticket's latest message (one read of that message alone). */
  private String lastCall(EmailThread ticket) {
    if (ticket.messageCount() < 2) {
      return null;
    }
    return tickets.message(ticket.id(), ticket.messageCount())
        .filter(m -> m.direction() == ThreadMessage.Direction.NOTE && m.text() != null && m.text().startsWith("📞 "))
        .map(ThreadMessage::text).orElse(null);
  }

  private void apply(ChatMessageState state, EmailThread ticket) throws InterruptedException {
    String threadId = ticket.id();
    String snippet = state.snippet() != null ? state.snippet()
        : tickets.message(threadId, 1).map(ThreadMessage::text).orElse("");
    TicketCard card = TicketCard.of(ticket, snippet, baseUrl, lastCall(ticket));
    String fingerprint = target.fingerprint(card);
    if (!state.posted()) {
      Optional<String> existing = state.postingSince() == null ? Optional.empty()
          : target.findPosted(threadId, state.postingSince().minus(LOOKUP_SLACK));
      String ref;
      if (existing.isPresent()) {
        ref = existing.get();
        await(updates);
        target.update(ref, card);
        log.info("{}: found the message of ticket {} from an interrupted post; not posting again", target.key(),
            threadId);
      } else {
        await(posts);
        store.posting(target.key(), threadId, holder, clock.instant(), card.snippet());
        ref = target.post(card);
        stats.posted();
      }
      store.posted(target.key(), threadId, holder, ref, card.version(), fingerprint);
      tickets.addChatPost(threadId, new ChatPost(target.platform(), target.channel(), ref));
    } else if (fingerprint.equals(state.fingerprint())) {
      store.rendered(target.key(), threadId, holder, card.version(), fingerprint);
      stats.unchanged();
    } else {
      await(updates);
      target.update(state.messageRef(), card);
      store.rendered(target.key(), threadId, holder, card.version(), fingerprint);
      stats.updated();
    }
  }

  private void await(Pacer pacer) throws InterruptedException {
    Duration wait = pacer.wait(clock.instant());
    if (!wait.isZero()) {
      TimeUnit.NANOSECONDS.sleep(wait.toNanos());
    }
    pacer.take(clock.instant());
  }

  /** Pauses the target as the failure asks and says when to try the ticket again. */
  private Instant failed(ChatException e, String threadId) {
    Instant now = clock.instant();
    switch (e.kind()) {
      case RATE_LIMITED -> {
        Duration wait = e.retryAfter().isZero() ? settings.firstBackoff() : e.retryAfter();
        pausedUntil = now.plus(wait);
        stats.rateLimited();
        log.info("{}: rate limited, pausing {} s", target.key(), wait.toSeconds());
      }
      case TRANSIENT -> {
        backoff = backoff.isZero() ? settings.firstBackoff()
            : backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
            : backoff.multipliedBy(2);
        long jitter = ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1);
        pausedUntil = now.plus(backoff).plusMillis(jitter);
        stats.failed();
        log.warn("{}: {} (ticket {}); retrying in {} ms", target.key(), e.getMessage(), threadId,
            backoff.toMillis() + jitter);
      }
      case GONE, REJECTED -> {
        pausedUntil = now.plus(settings.rejectedPause());
        stats.failed();
        log.error("{}: the chat refused the call ({}); check the token, scopes and channel; retrying in {}",
            target.key(), e.getMessage(), settings.rejectedPause());
      }
    }
    return pausedUntil;
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops once it has posted what is due now and what the outbox holds, or after {@code flush} at most (a stopping
   * instance leaves the rest to another instance, or to its own next start: nothing is lost either way).
   */
  public void close(Duration flush) {
    long deadline = System.nanoTime() + flush.toNanos();
    idle = false; // set again by the sync thread's next look at the outbox and the queue
    while (running && thread != null && thread.isAlive() && !idle && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
