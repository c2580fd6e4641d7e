package io.claimdesk.bot.sync;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the assignment policy's chat notices (offer direct messages, their edits, nudges, releases) on a thread of
 * its own, so that the assignment that caused them never waits for a chat tool. A step that fails is tried again
 * a bounded number of times, waiting longer each time (or as long as a rate limit asks); a refusal that retrying
 * will not fix is logged at once. Either way the failure is logged once, here.
 */
public final class NoticeSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);
  public static final int ATTEMPTS = 5;
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

  private final String platform;
  private final Duration firstWait;
  private final ScheduledExecutorService executor;

  public NoticeSender(String platform) {
    this(platform, FIRST_WAIT);
  }

  /** As above, waiting {@code firstWait} before the first retry (then twice as long each time). */
  NoticeSender(String platform, Duration firstWait) {
    this.platform = platform;
    this.firstWait = firstWait;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, platform + "-notices");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code step} soon; {@code what} names it in the log. */
  public void send(String what, Runnable step) {
    schedule(what, step, 1, Duration.ZERO);
  }

  /** Runs {@code task} every {@code period} on the notices' thread; a failure is logged and the next run kept. */
  public void every(Duration period, Runnable task) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("{}: {}", platform, e.toString());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void schedule(String what, Runnable step, int attempt, Duration wait) {
    if (executor.isShutdown()) {
      return;
    }
    executor.schedule(() -> run(what, step, attempt), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run(String what, Runnable step, int attempt) {
    try {
      step.run();
    } catch (ChatException e) {
      if (e.kind() == ChatException.Kind.REJECTED || e.kind() == ChatException.Kind.GONE) {
        log.warn("{}: {} refused: {}", platform, what, e.getMessage());
      } else {
        retry(what, step, attempt, e, e.kind() == ChatException.Kind.RATE_LIMITED ? e.retryAfter() : null);
      }
    } catch (RuntimeException e) {
      // the database, most likely
      retry(what, step, attempt, e, null);
    }
  }

  private void retry(String what, Runnable step, int attempt, RuntimeException e, Duration asked) {
    if (attempt >= ATTEMPTS) {
      log.warn("{}: {} given up after {} attempts: {}", platform, what, attempt, e.getMessage());
      return;
    }
    Duration wait = asked != null ? asked : firstWait.multipliedBy(1L << (attempt - 1));
    schedule(what, step, attempt + 1, wait);
  }

  /** Sends what is due within a few seconds, then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
