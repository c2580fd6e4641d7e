package io.claimdesk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bound on password checks running at once, with checks that take a known time. */
class PasswordCheckGateTest {

  /** Runs 64 checks of 50 ms at once, client {@code i % clients}; the results. */
  private static List<Optional<Boolean>> flood(PasswordCheckGate gate, int clients, AtomicInteger running,
      AtomicInteger most) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<Boolean>>> futures = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String client = "10.0.0." + (i % clients);
      futures.add(pool.submit(() -> {
        start.await();
        return gate.run(client, () -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return true;
        });
      }));
    }
    start.countDown();
    List<Optional<Boolean>> results = new ArrayList<>();
    for (Future<Optional<Boolean>> f : futures) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return results;
  }

  @Test
  void oneClientShouldNeverHaveMoreThanTwoChecksRunningAndTheRestRefusedAtOnce() throws Exception {
    PasswordCheckGate gate = new PasswordCheckGate(2, 2, Duration.ofSeconds(2));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();

    List<Optional<Boolean>> results = flood(gate, 1, running, most);

    long ran = results.stream().filter(Optional::isPresent).count();
    System.out.printf("one client, 64 at once: %d checked, %d refused, most in flight %d%n", ran, 64 - ran,
        most.get());
    assertThat(most.get()).isLessThanOrEqualTo(2);
    assertThat(gate.mostInFlight()).isLessThanOrEqualTo(2);
    assertThat(ran).isBetween(2L, 10L);
  }

  @Test
  void manyClientsShouldShareTheTotalBoundAndWaitTheirTurnInTheQueue() throws Exception {
    PasswordCheckGate gate = new PasswordCheckGate(2, 2, Duration.ofSeconds(5));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();

    List<Optional<Boolean>> results = flood(gate, 32, running, most);

    long ran = results.stream().filter(Optional::isPresent).count();
    System.out.printf("32 clients, 64 at once: %d checked, most in flight %d%n", ran, most.get());
    // 64 checks of 50 ms, two at a time: 1.6 s, within the 5 s queue, so every one is checked
    assertThat(ran).isEqualTo(64);
    assertThat(most.get()).isEqualTo(2);
    assertThat(gate.mostInFlight()).isEqualTo(2);
  }

  @Test
  void aCheckThatCannotGetASlotInTimeShouldBeRefused() throws Exception {
    PasswordCheckGate gate = new PasswordCheckGate(1, 1, Duration.ofMillis(100));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> gate.run("a", () -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return true;
    }));
    holder.start();
    holding.await();

    long started = System.nanoTime();
    Optional<Boolean> refused = gate.run("b", () -> true);
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;
    release.countDown();
    holder.join();

    assertThat(refused).isEmpty();
    assertThat(waitedMillis).isBetween(90L, 2_000L);
    assertThat(gate.run("b", () -> true)).contains(true);
  }
}
