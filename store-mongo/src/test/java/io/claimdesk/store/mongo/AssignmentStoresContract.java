package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.assignment.AssignmentStores;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the assignment policy's stores must do: one open offer per ticket, closed once; the policy; pick order. */
interface AssignmentStoresContract extends StoreFixture {

  default AssignmentStores assignmentStores() {
    return MongoStores.assignment(database());
  }

  private static Offer offer(String id, String threadId, String memberId, int expiresInSeconds) {
    return new Offer(id, threadId, memberId, Offer.Status.OPEN, T0, T0.plusSeconds(expiresInSeconds), null);
  }

  @Test
  default void aTicketShouldHoldOneOpenOfferAndAnOfferShouldCloseOnce() {
    OfferStore offers = assignmentStores().offers();
    boolean first = offers.open(offer("o1", "t1", "ana", 300));
    boolean second = offers.open(offer("o2", "t1", "ben", 300));
    boolean other = offers.open(offer("o3", "t2", "ben", 300));

    var declined = offers.close("o1", Offer.Status.DECLINED, T0.plusSeconds(5));
    var again = offers.close("o1", Offer.Status.EXPIRED, T0.plusSeconds(6));
    boolean reopened = offers.open(offer("o4", "t1", "ben", 300));

    assertThat(List.of(first, second, other, reopened)).containsExactly(true, false, true, true);
    assertThat(declined).contains(offer("o1", "t1", "ana", 300).closed(Offer.Status.DECLINED, T0.plusSeconds(5)));
    assertThat(again).isEmpty();
    assertThat(offers.find("o1").orElseThrow().status()).isEqualTo(Offer.Status.DECLINED);
    assertThat(offers.find("o2")).isEmpty();
    assertThat(offers.openFor("t1").orElseThrow().id()).isEqualTo("o4");
    assertThat(offers.lastClosed("t1").orElseThrow().memberId()).isEqualTo("ana");
    assertThat(offers.allOpen()).extracting(Offer::id).containsExactlyInAnyOrder("o3", "o4");
  }

  @Test
  default void ofEightInstancesOfferingOneTicketAtOnceExactlyOneShouldHoldTheOffer() throws Exception {
    OfferStore offers = assignmentStores().offers();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Offer mine = offer("race-" + i, "t-race", "member-" + i, 300);
        tries.add(pool.submit(() -> {
          go.await();
          return offers.open(mine);
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> t : tries) {
        won += t.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(offers.allOpen()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void dueShouldListOnlyOffersWhoseTimeIsUpAndWithdrawShouldLeaveNoTrace() {
    OfferStore offers = assignmentStores().offers();
    offers.open(offer("soon", "t1", "ana", 10));
    offers.open(offer("later", "t2", "ana", 300));

    assertThat(offers.due(T0.plusSeconds(9))).isEmpty();
    assertThat(offers.due(T0.plusSeconds(10))).extracting(Offer::id).containsExactly("soon");
    offers.withdraw("later");
    assertThat(offers.find("later")).isEmpty();
    assertThat(offers.lastClosed("t2")).isEmpty();
  }

  @Test
  default void thePolicyShouldBeReadBackAsSavedAndReplacedByTheNextSave() {
    var settings = assignmentStores().settings();
    AssignmentPolicy rr = new AssignmentPolicy(AssignmentPolicy.Mode.ROUND_ROBIN, true, 120, 4, null,
        AssignmentPolicy.ReopenToOwner.IF_ONLINE);
    AssignmentPolicy ll = new AssignmentPolicy(AssignmentPolicy.Mode.LEAST_LOADED, false, 300, null, 48,
        AssignmentPolicy.ReopenToOwner.NEVER);

    assertThat(settings.assignmentPolicy()).isEmpty();
    settings.saveAssignmentPolicy(rr);
    assertThat(assignmentStores().settings().assignmentPolicy()).contains(rr);
    settings.saveAssignmentPolicy(ll);
    assertThat(settings.assignmentPolicy()).contains(ll);
    assertThat(database().getCollection("settings").countDocuments()).isEqualTo(1);
  }

  @Test
  default void picksShouldBeNumberedInOrderAndRacingPicksNeverShareANumber() throws Exception {
    var picks = assignmentStores().picks();
    picks.picked("ana");
    picks.picked("ben");
    picks.picked("ana");
    assertThat(picks.lastPicks()).containsEntry("ana", 3L).containsEntry("ben", 2L).hasSize(2);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String member = "m" + i;
        done.add(pool.submit(() -> picks.picked(member)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Set<Long> numbers = new HashSet<>(picks.lastPicks().values());
    assertThat(numbers).hasSize(202);
    assertThat(java.util.Collections.max(numbers)).isEqualTo(203L);
  }
}
