package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What an {@link io.claimdesk.core.event.EventOutbox} must do: number events densely, store each once, also when the
 * relay hands it what a crash left unrelayed (together with the {@link io.claimdesk.core.claim.AssignmentLog} the
 * relay writes as well).
 */
interface EventOutboxContract extends StoreFixture {
  @Test
  default void outboxShouldNumberEventsDenselyReadThemBackInOrderAndStoreEachOnce() {
    Stores stores = stores();
    assertThat(stores.outbox().head()).isZero();
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(event(OutboxEvent.CLAIMED, "t" + i));
    }
    stores.outbox().appendAll(events.subList(0, 20));
    stores.outbox().appendAll(events.subList(15, 30)); // 15..19 again, as after a crash before the clear

    assertThat(stores.outbox().head()).isEqualTo(35);
    List<OutboxEvent> all = stores.outbox().readAfter(0, 35);
    assertThat(all).extracting(OutboxEvent::eventId)
        .containsExactlyElementsOf(events.stream().map(TicketEvent::id).toList());
    assertThat(stores.outbox().readAfter(0, 3)).extracting(OutboxEvent::threadId).containsExactly("t0", "t1", "t2");
    assertThat(stores.outbox().readAfter(20, 5)).isEmpty(); // the duplicates' numbers stay empty
  }

  @Test
  default void concurrentAppendsShouldTakeUniqueDenseNumbers() throws Exception {
    Stores stores = stores();
    EmailThread ticket = ticket("Busy", T0);
    int threads = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Void>> results = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            stores.outbox().appendAll(List.of(event(OutboxEvent.MESSAGE_ADDED, ticket.id())));
            tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
                ThreadMessage.Direction.INBOUND, null, null, List.of(), "c@example.org", null, List.of(), List.of(),
                T0, "concurrent", null, List.of(), null), null);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
      List<OutboxEvent> appended = stores.outbox().readAfter(0, threads * each);
      assertThat(appended).extracting(OutboxEvent::seq).doesNotHaveDuplicates().hasSize(threads * each);
      assertThat(appended).extracting(OutboxEvent::eventId).doesNotHaveDuplicates();
      assertThat(stores.outbox().head()).isEqualTo(threads * each);
      assertThat(tickets().messages(ticket.id())).hasSize(threads * each);
      assertThat(tickets().find(ticket.id()).orElseThrow().messageCount()).isEqualTo(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void eventsACrashLeftUnrelayedShouldBeRelayedOnStartAndStoredOnce() throws Exception {
    Stores stores = stores();
    EmailThread ticket = ticket("Crashed mid-claim", T0);
    Owner ana = new Owner(new ObjectId().toHexString(), "ana@example.com", "Ana", T0);
    // the claim landed with its event, then the process died before relaying it
    tickets().compareAndSetOwner(ticket.id(), null, ana, new TicketEvent(new ObjectId().toHexString(),
        OutboxEvent.CLAIMED, ticket.id(), ana.memberId(), ana.email(), null, null, ana.memberId(), ana.email(),
        "slack", 0, T0));

    Clock later = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    for (int restart = 0; restart < 2; restart++) {
      new EventRelay(tickets(), stores.assignments(), stores.outbox(), later, Duration.ofMinutes(5))
          .start().close();
    }

    assertThat(stores.assignments().history(ticket.id())).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AssignmentAction.CLAIMED);
      assertThat(e.via()).isEqualTo(Via.SLACK);
    });
    assertThat(stores.outbox().readAfter(0, 10)).singleElement()
        .satisfies(e -> assertThat(e.threadId()).isEqualTo(ticket.id()));
    assertThat(stores.outbox().sweptUntil()).contains(later.instant());
  }
}
