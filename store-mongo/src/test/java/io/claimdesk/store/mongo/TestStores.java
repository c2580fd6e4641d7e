package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One test's stores: {@link MongoStores} on a new, empty database, the ticket store under test (the stores' own,
 * or what {@code ticketsUnderTest} puts in front of it, made at its first use), and the event relays that claims
 * started, closed with the database.
 */
final class TestStores implements AutoCloseable {
  private final TestDatabase db;
  private final Stores stores;
  private final UnaryOperator<TicketStore> ticketsUnderTest;
  private final List<EventRelay> relays = new ArrayList<>();
  private TicketStore tickets;

  private TestStores(TestDatabase db, UnaryOperator<TicketStore> ticketsUnderTest) {
    this.db = db;
    this.stores = MongoStores.open(db.database(), StoreFixture.CLOCK);
    this.ticketsUnderTest = ticketsUnderTest;
  }

  /** The stores on {@code db}, their own ticket store under test. */
  static TestStores on(TestDatabase db) {
    return new TestStores(db, UnaryOperator.identity());
  }

  /** The stores on {@code db}, with {@code ticketsUnderTest} of their ticket store under test. */
  static TestStores on(TestDatabase db, UnaryOperator<TicketStore> ticketsUnderTest) {
    return new TestStores(db, ticketsUnderTest);
  }

  Stores stores() {
    return stores;
  }

  MongoDatabase database() {
    return db.database();
  }

  synchronized TicketStore tickets() {
    if (tickets == null) {
      tickets = ticketsUnderTest.apply(stores.tickets());
    }
    return tickets;
  }

  ClaimService claims() {
    EventRelay relay = new EventRelay(tickets(), stores.assignments(), stores.outbox(), StoreFixture.CLOCK,
        Duration.ofMinutes(5)).start();
    relays.add(relay);
    return new ClaimService(tickets(), stores.team(), relay, StoreFixture.CLOCK);
  }

  void settle() throws InterruptedException {
    for (EventRelay relay : relays) {
      assertThat(relay.awaitIdle(Duration.ofSeconds(10))).as("relay caught up").isTrue();
    }
  }

  @Override
  public void close() {
    relays.forEach(EventRelay::close);
    db.close();
  }
}
