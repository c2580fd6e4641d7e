package io.claimdesk.bot.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.testing.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notices leave the caller's thread at once and are retried a bounded number of times. */
class NoticeSenderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final NoticeSender sender = new NoticeSender("test", Duration.ofMillis(5));

  @AfterEach
  void close() {
    sender.close();
  }

  @Test
  void aStepThatKeepsFailingShouldBeTriedFiveTimesAndNoMore() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    sender.send("always down", () -> {
      attempts.incrementAndGet();
      throw ChatException.transientFailure("HTTP 503", null);
    });
    Await.until(WAIT, () -> attempts.get() == NoticeSender.ATTEMPTS, "five attempts");
    // a sixth attempt would come 80 ms after the fifth: wait well past that
    Thread.sleep(300);
    assertThat(attempts.get()).isEqualTo(5);
  }

  @Test
  void aStepThatFailsTwiceShouldSucceedOnTheThirdAttemptAndARefusalShouldNotBeRetried() throws Exception {
    AtomicInteger flaky = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    sender.send("flaky", () -> {
      if (flaky.incrementAndGet() < 3) {
        throw new IllegalStateException("the database is away");
      }
    });
    sender.send("refused", () -> {
      refused.incrementAndGet();
      throw new ChatException(ChatException.Kind.REJECTED, "missing_scope", null, null);
    });
    Await.until(WAIT, () -> flaky.get() == 3, "the third attempt");
    Thread.sleep(300);
    assertThat(flaky.get()).isEqualTo(3);
    assertThat(refused.get()).isEqualTo(1);
  }

  @Test
  void sendingShouldReturnWhileAStepIsStillRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ran = new CountDownLatch(1);
    sender.send("slow chat tool", () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ran.countDown();
    });
    sender.send("next", () -> { });
    assertThat(ran.getCount()).isEqualTo(1); // both calls returned; the first step still waits
    release.countDown();
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
