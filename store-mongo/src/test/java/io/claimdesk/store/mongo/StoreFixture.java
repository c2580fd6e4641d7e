package io.claimdesk.store.mongo;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * What the port contracts get from the backend under test: the {@link TestStores} of the current test, which
 * each backend's test class opens on an empty database before every test and closes after it, and the helpers
 * that build tickets, members and events.
 */
interface StoreFixture {
  Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** The stores of the current test. */
  TestStores testStores();

  /** The stores on the test's database, opened at {@link #CLOCK}; the same instance throughout a test. */
  default Stores stores() {
    return testStores().stores();
  }

  /** The database under the stores, for a test that must plant, corrupt or count documents. */
  default MongoDatabase database() {
    return testStores().database();
  }

  /** The ticket store under test: the stores' own, or an index in front of it; the same instance in a test. */
  default TicketStore tickets() {
    return testStores().tickets();
  }

  /** A claim service on the ticket store under test, with a new event relay that {@link #settle} waits for. */
  default ClaimService claims() {
    return testStores().claims();
  }

  /** Waits until the events of every change made so far are in the history and the outbox. */
  default void settle() throws InterruptedException {
    testStores().settle();
  }

  default TicketEvent event(String type, String threadId) {
    return new TicketEvent(new ObjectId().toHexString(), type, threadId, "actor", "actor@example.com", null, null,
        null, null, "api", 1, T0);
  }

  default TeamMember member(String name, Role role) {
    return stores().team().insert(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null),
        null).orElseThrow();
  }

  default EmailThread ticket(String subject, Instant receivedAt) {
    return tickets().insert(new NewThread("support@example.com", subject, "customer@example.org",
        "Customer", TicketStatus.OPEN, receivedAt));
  }

  default NewThread opening(String subject) {
    return new NewThread("support@example.com", subject, "customer@example.org", "Customer", TicketStatus.OPEN, T0);
  }

  default ThreadMessage inbound(String threadId, String messageId, Instant at, String text) {
    return new ThreadMessage(null, threadId, ThreadMessage.Direction.INBOUND, messageId, null, List.of(),
        "customer@example.org", "Customer", List.of("support@example.com"), List.of(), at, text, null, List.of(),
        null);
  }
}
