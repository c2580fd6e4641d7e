package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.ticket.ChatPost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The assignment notices' record: one nudge per claim, even from racing instances; each offer's direct message. */
interface NoticeLogContract extends StoreFixture {

  @Test
  default void aClaimShouldBeNudgedOnceAndANewClaimOfTheSameTicketAgain() {
    NoticeLog log = MongoStores.notices(database());
    boolean first = log.firstNudge("t1", T0);
    boolean again = log.firstNudge("t1", T0);
    boolean reopened = MongoStores.notices(database()).firstNudge("t1", T0);
    boolean laterClaim = log.firstNudge("t1", T0.plusSeconds(3600));
    boolean otherTicket = log.firstNudge("t2", T0);

    assertThat(List.of(first, again, reopened, laterClaim, otherTicket))
        .containsExactly(true, false, false, true, true);
  }

  @Test
  default void ofEightInstancesNudgingOneClaimAtOnceExactlyOneShouldWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        NoticeLog log = MongoStores.notices(database());
        tries.add(pool.submit(() -> {
          go.await();
          return log.firstNudge("t-race", T0);
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> t : tries) {
        won += t.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void anOfferMessageShouldBeFoundPerPlatformAndReplacedWhenSavedAgain() {
    NoticeLog log = MongoStores.notices(database());
    log.saveOfferMessage("o1", new ChatPost("slack", "D1", "111.222"));
    log.saveOfferMessage("o1", new ChatPost("discord", "555", "777"));
    log.saveOfferMessage("o1", new ChatPost("slack", "D1", "111.333"));

    assertThat(log.offerMessage("o1", "slack")).contains(new ChatPost("slack", "D1", "111.333"));
    assertThat(MongoStores.notices(database()).offerMessage("o1", "discord"))
        .contains(new ChatPost("discord", "555", "777"));
    assertThat(log.offerMessage("o2", "slack")).isEmpty();
  }

  @Test
  default void queuedNoticesShouldBeTakenOncePerPlatformOldestFirst() {
    NoticeLog log = MongoStores.notices(database());
    log.queue("discord", java.util.Map.of("kind", "offered", "offerId", "o1"));
    log.queue("slack", java.util.Map.of("kind", "nudged"));
    log.queue("discord", java.util.Map.of("kind", "closed", "offerId", "o1"));

    var first = MongoStores.notices(database()).takeQueued("discord");
    var second = log.takeQueued("discord");
    var none = log.takeQueued("discord");

    assertThat(first.orElseThrow()).containsEntry("kind", "offered").containsEntry("offerId", "o1").hasSize(2);
    assertThat(second.orElseThrow()).containsEntry("kind", "closed");
    assertThat(none).isEmpty();
    assertThat(log.takeQueued("slack").orElseThrow()).containsEntry("kind", "nudged");
  }

  @Test
  default void ofEightInstancesTakingQueuedNoticesAtOnceEachNoticeShouldGoToOne() throws Exception {
    NoticeLog log = MongoStores.notices(database());
    for (int i = 0; i < 20; i++) {
      log.queue("discord", java.util.Map.of("n", Integer.toString(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<String>>> takers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        NoticeLog mine = MongoStores.notices(database());
        takers.add(pool.submit(() -> {
          go.await();
          List<String> taken = new ArrayList<>();
          for (var n = mine.takeQueued("discord"); n.isPresent(); n = mine.takeQueued("discord")) {
            taken.add(n.get().get("n"));
          }
          return taken;
        }));
      }
      go.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> t : takers) {
        all.addAll(t.get());
      }
      assertThat(all).hasSize(20).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }
}
