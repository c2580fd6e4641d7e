package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.lease.Lease;
import io.claimdesk.core.lease.LeaseStore;
import io.claimdesk.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What a {@link LeaseStore} must do: one holder at a time, expiry and release hand over, epochs only grow. */
interface LeaseStoreContract extends StoreFixture {
  Duration TTL = Duration.ofSeconds(15);

  /** The lease store on the test's database, reading {@code clock}. */
  default LeaseStore leases(MutableClock clock) {
    return StoreErrors.translated(LeaseStore.class, new MongoLeaseStore(database(), clock));
  }

  @Test
  default void ofEightHoldersRacingForAFreeLeaseExactlyOneShouldWin() throws Exception {
    LeaseStore leases = leases(new MutableClock(T0));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        String name = "race:" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Lease>>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String holder = "holder-" + i;
          Callable<Optional<Lease>> attempt = () -> {
            go.await();
            return leases.tryAcquire(name, holder, TTL);
          };
          tries.add(pool.submit(attempt));
        }
        go.countDown();
        List<Lease> won = new ArrayList<>();
        for (Future<Optional<Lease>> t : tries) {
          t.get().ifPresent(won::add);
        }
        assertThat(won).as("winners of round " + round).hasSize(1);
        assertThat(won.get(0).epoch()).isEqualTo(1);
        assertThat(leases.find(name).orElseThrow().holder()).isEqualTo(won.get(0).holder());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void aHeldLeaseShouldBeRefusedToAnotherUntilItExpiresThenTakenAtAHigherEpoch() {
    MutableClock clock = new MutableClock(T0);
    LeaseStore leases = leases(clock);
    Lease a = leases.tryAcquire("imap:support", "a", TTL).orElseThrow();

    clock.advance(TTL.minusMillis(1));
    Optional<Lease> beforeExpiry = leases.tryAcquire("imap:support", "b", TTL);
    clock.advance(Duration.ofMillis(1));
    Lease b = leases.tryAcquire("imap:support", "b", TTL).orElseThrow();

    assertThat(a).isEqualTo(new Lease("imap:support", "a", 1, T0.plus(TTL)));
    assertThat(beforeExpiry).isEmpty();
    assertThat(b).isEqualTo(new Lease("imap:support", "b", 2, T0.plus(TTL).plus(TTL)));
    assertThat(leases.find("imap:support")).contains(b);
  }

  @Test
  default void aRenewalByAHolderThatLostTheLeaseShouldFailAndChangeNothing() {
    MutableClock clock = new MutableClock(T0);
    LeaseStore leases = leases(clock);
    Lease a = leases.tryAcquire("imap:support", "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(5));
    Lease renewed = leases.renew("imap:support", "a", a.epoch(), TTL).orElseThrow();
    clock.advance(TTL); // a stopped renewing: expired
    Lease b = leases.tryAcquire("imap:support", "b", TTL).orElseThrow();

    Optional<Lease> lateRenewal = leases.renew("imap:support", "a", a.epoch(), TTL);
    Optional<Lease> lateTake = leases.tryAcquire("imap:support", "a", TTL);
    boolean lateRelease = leases.release("imap:support", "a", a.epoch());

    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(5).plus(TTL));
    assertThat(renewed.epoch()).isEqualTo(1);
    assertThat(lateRenewal).isEmpty();
    assertThat(lateTake).isEmpty();
    assertThat(lateRelease).isFalse();
    assertThat(leases.find("imap:support")).contains(b);
  }

  @Test
  default void anExpiredLeaseNobodyTookShouldStillBeRenewedByItsHolderAtTheSameEpoch() {
    MutableClock clock = new MutableClock(T0);
    LeaseStore leases = leases(clock);
    Lease a = leases.tryAcquire("imap:support", "a", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(1));

    Lease renewed = leases.renew("imap:support", "a", a.epoch(), TTL).orElseThrow();

    assertThat(renewed).isEqualTo(new Lease("imap:support", "a", 1, clock.instant().plus(TTL)));
  }

  @Test
  default void aReleaseShouldHandTheLeaseOverAtOnce() {
    MutableClock clock = new MutableClock(T0);
    LeaseStore leases = leases(clock);
    Lease a = leases.tryAcquire("imap:support", "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(1));

    boolean released = leases.release("imap:support", "a", a.epoch());
    Lease freed = leases.find("imap:support").orElseThrow();
    Lease b = leases.tryAcquire("imap:support", "b", TTL).orElseThrow();

    assertThat(released).isTrue();
    assertThat(freed.holder()).isNull();
    assertThat(freed.epoch()).isEqualTo(1);
    assertThat(b).isEqualTo(new Lease("imap:support", "b", 2, T0.plusSeconds(1).plus(TTL)));
  }

  @Test
  default void theHolderTakingItsOwnLeaseAgainShouldGetAHigherEpochAndLeasesShouldBeIndependent() {
    MutableClock clock = new MutableClock(T0);
    LeaseStore leases = leases(clock);
    Lease first = leases.tryAcquire("imap:one", "a", TTL).orElseThrow();
    Lease again = leases.tryAcquire("imap:one", "a", TTL).orElseThrow();
    Lease other = leases.tryAcquire("imap:two", "b", TTL).orElseThrow();

    assertThat(first.epoch()).isEqualTo(1);
    assertThat(again.epoch()).isEqualTo(2);
    assertThat(other).isEqualTo(new Lease("imap:two", "b", 1, T0.plus(TTL)));
    assertThat(leases.find("imap:none")).isEmpty();
    assertThat(stores().leases().find("imap:one").orElseThrow().holder()).as("the Stores record's port").isEqualTo("a");
  }
}
