package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.store.mongo.MongoStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One instance's assignment service on a database: its own stores, relay and claim service, on a test clock. */
final class AssignmentFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  final MutableClock clock;
  final Stores stores;
  final AssignmentStores assignmentStores;
  final EventRelay relay;
  final ClaimService claims;
  final AssignmentService service;

  AssignmentFixture(MongoDatabase db, MutableClock clock) {
    this.clock = clock;
    this.stores = MongoStores.open(db, clock);
    this.assignmentStores = MongoStores.assignment(db);
    this.relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), clock, Duration.ZERO).start();
    this.claims = new ClaimService(stores.tickets(), stores.team(), relay, clock);
    this.service = new AssignmentService(stores.tickets(), stores.team(), claims, assignmentStores,
        stores.assignments(), clock);
  }

  void policy(Mode mode, boolean offer, int timeoutSeconds, ReopenToOwner reopen) {
    assignmentStores.settings().saveAssignmentPolicy(
        new AssignmentPolicy(mode, offer, timeoutSeconds, null, null, reopen));
  }

  TeamMember member(String name, Integer capacity, Availability availability) {
    TeamMember m = stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", Role.AGENT, null,
        null, null), null).orElseThrow();
    if (capacity != null) {
      stores.team().update(m.id(), MemberUpdate.none().withCapacity(capacity));
    }
    stores.team().setAvailability(m.id(), availability);
    return stores.team().find(m.id()).orElseThrow();
  }

  TeamMember manager(String name) {
    return stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", Role.MANAGER, null, null,
        null), null).orElseThrow();
  }

  EmailThread ticket(String subject) {
    clock.advance(Duration.ofSeconds(1));
    return stores.tickets().insert(new NewThread("support@example.com", subject, "customer@example.org", "Customer",
        TicketStatus.OPEN, clock.instant()));
  }

  String ownerOf(String threadId) {
    EmailThread t = stores.tickets().find(threadId).orElseThrow();
    return t.isOwned() ? t.owner().memberId() : null;
  }

  int load(TeamMember m) {
    return stores.tickets().ownedBy(m.id(), 10_000).size();
  }

  List<AssignmentEvent> events(AssignmentAction action) throws InterruptedException {
    assertThat(relay.awaitIdle(Duration.ofSeconds(20))).isTrue();
    return stores.assignments().since(Instant.EPOCH).stream().filter(e -> e.action() == action).toList();
  }

  @Override
  public void close() {
    relay.close();
  }
}
