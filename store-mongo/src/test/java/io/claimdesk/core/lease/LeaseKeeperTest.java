package io.claimdesk.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LeaseKeeper} over the real lease store on the embedded server; time moves by hand and each keeper's ticks
 * are called directly, so a dead instance is one whose ticks stop.
 */
class LeaseKeeperTest {
  private static final String NAME = "imap:support@example.com";
  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
  private final LeaseStore store = MongoStores.open(db.database(), clock).leases();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private boolean closed;

  @AfterEach
  void closeDatabase() {
    if (!closed) {
      db.close();
    }
  }

  private LeaseKeeper keeper(String holder) {
    return new LeaseKeeper(store, holder, clock).hold(NAME, epoch -> {
      log.add(holder + " started at " + epoch);
      return () -> log.add(holder + " stopped");
    });
  }

  @Test
  void onlyOneKeeperShouldRunTheWorkAndAfterTheHoldersDeathTheOtherWithinTtlPlusATick() {
    LeaseKeeper a = keeper("a");
    LeaseKeeper b = keeper("b");
    a.tick();
    b.tick();
    for (int i = 0; i < 6; i++) { // 30 s of both alive: a renews, b keeps trying
      clock.advance(LeaseKeeper.RENEW_EVERY);
      a.tick();
      b.tick();
    }
    assertThat(log).containsExactly("a started at 1");
    assertThat(a.held()).isEqualTo(Map.of(NAME, true));
    assertThat(b.held()).isEqualTo(Map.of(NAME, false));

    // a dies (no more ticks, no release); b ticks every second
    int seconds = 0;
    while (b.epoch(NAME) == 0 && seconds < 60) {
      clock.advance(LeaseKeeper.TICK);
      seconds++;
      b.tick();
    }
    assertThat(log).containsExactly("a started at 1", "b started at 2");
    System.out.println("takeover after the holder's last renewal: " + seconds + " s");
    assertThat(seconds).isBetween(15, 16);
  }

  @Test
  void aHolderThatComesBackAfterLosingTheLeaseShouldStopItsWork() throws Exception {
    LeaseKeeper a = keeper("a");
    LeaseKeeper b = keeper("b");
    a.tick();
    clock.advance(Duration.ofSeconds(16)); // a paused (a long GC, a frozen VM) past its lease
    b.tick();
    a.tick(); // due to renew: the database says b holds it
    a.awaitStops();

    assertThat(log).containsExactly("a started at 1", "b started at 2", "a stopped");
    assertThat(a.held()).isEqualTo(Map.of(NAME, false));
    assertThat(a.epoch(NAME)).isZero();
    assertThat(b.epoch(NAME)).isEqualTo(2);
  }

  @Test
  void closeShouldStopTheWorkAndReleaseSoTheOtherTakesOverAtItsNextTick() {
    LeaseKeeper a = keeper("a");
    LeaseKeeper b = keeper("b");
    a.tick();
    b.tick();

    a.close();
    b.tick(); // same instant: no expiry needed

    assertThat(log).containsExactly("a started at 1", "a stopped", "b started at 2");
    assertThat(store.find(NAME).orElseThrow().holder()).isEqualTo("b");
  }

  @Test
  void aDatabaseOutageShouldStopTheWorkATickBeforeTheLeaseExpires() throws Exception {
    LeaseKeeper a = keeper("a");
    a.tick();
    Instant expires = store.find(NAME).orElseThrow().expiresAt();
    db.close(); // every call now fails
    closed = true;

    clock.advance(LeaseKeeper.RENEW_EVERY);
    a.tick();
    List<String> afterFirstFailure = List.copyOf(log);
    while (a.held().get(NAME)) {
      clock.advance(LeaseKeeper.TICK);
      a.tick();
    }
    a.awaitStops();

    assertThat(afterFirstFailure).containsExactly("a started at 1");
    assertThat(log).containsExactly("a started at 1", "a stopped");
    System.out.println("work stopped at " + clock.instant() + ", lease expiring at " + expires);
    assertThat(clock.instant()).isEqualTo(expires.minus(LeaseKeeper.TICK));
  }

  @Test
  void aSlowStopShouldNotHoldUpOtherLeasesAndTheLeaseShouldWaitForIt() throws Exception {
    CountDownLatch letStop = new CountDownLatch(1);
    LeaseKeeper a = new LeaseKeeper(store, "a", clock).hold(NAME, epoch -> {
      log.add("a started at " + epoch);
      return () -> {
        letStop.await();
        log.add("a stopped");
      };
    }).hold("discord:gateway", epoch -> () -> { });
    LeaseKeeper b = keeper("b");
    a.tick();
    clock.advance(Duration.ofSeconds(16)); // a paused past both leases
    b.tick();
    a.tick(); // loses NAME, its stop blocks; renews discord:gateway at once
    long gatewayEpoch = a.epoch("discord:gateway");
    b.close(); // NAME is free again
    a.tick(); // but a's earlier work has not stopped yet
    boolean retakenWhileStopping = a.held().get(NAME);
    letStop.countDown();
    a.awaitStops();
    a.tick();

    assertThat(gatewayEpoch).as("renewed, not lost").isEqualTo(1);
    assertThat(retakenWhileStopping).isFalse();
    assertThat(log).containsExactly("a started at 1", "b started at 2", "b stopped", "a stopped", "a started at 3");
  }

  @Test
  void workThatFailsToStartShouldReleaseTheLeaseForAnother() {
    LeaseKeeper a = new LeaseKeeper(store, "a", clock).hold(NAME, epoch -> {
      throw new IllegalStateException("cannot connect");
    });
    LeaseKeeper b = keeper("b");
    a.tick();
    b.tick();

    assertThat(a.held()).isEqualTo(Map.of(NAME, false));
    assertThat(log).containsExactly("b started at 2");
  }
}
