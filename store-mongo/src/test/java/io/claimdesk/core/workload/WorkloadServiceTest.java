package io.claimdesk.core.workload;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadServiceTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final EventRelay relay =
      new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), clock, Duration.ofMinutes(1)).start();
  private final ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, clock);
  private final WorkloadService workload =
      new WorkloadService(stores.tickets(), stores.team(), stores.assignments(), clock);
  private final TeamMember ana = member("Ana");
  private final TeamMember bo = member("Bo");

  @AfterEach
  void close() {
    relay.close();
    db.close();
  }

  @Test
  void countsLoadPerMemberAndTheQueue() throws Exception {
    EmailThread a = ticket(Duration.ofHours(3));
    EmailThread b = ticket(Duration.ofHours(2));
    ticket(Duration.ofHours(5));
    claim(a, ana);
    claim(b, ana);
    claims.changeStatus(b.id(), ana, TicketStatus.IN_PROGRESS, Via.WEB);
    relay.awaitIdle(Duration.ofSeconds(5));

    Workload w = workload.compute();

    Workload.MemberLoad anaLoad = w.members().stream().filter(m -> m.member().id().equals(ana.id())).findFirst()
        .orElseThrow();
    assertThat(anaLoad.open()).isEqualTo(1);
    assertThat(anaLoad.inProgress()).isEqualTo(1);
    assertThat(anaLoad.claimsToday()).isEqualTo(2);
    assertThat(anaLoad.oldestAwaitingReply()).isEqualTo(Duration.ofHours(3));
    assertThat(w.members()).filteredOn(m -> m.member().id().equals(bo.id()))
        .singleElement().satisfies(m -> assertThat(m.open() + m.inProgress() + m.claimsToday()).isZero());
    assertThat(w.unassigned()).isEqualTo(1);
    assertThat(w.oldestUnassigned()).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void mediansMeasureArrivalToFirstClaimAndFirstReply() throws Exception {
    EmailThread fast = ticket(Duration.ZERO);
    clock.advance(Duration.ofMinutes(10));
    claim(fast, ana);
    EmailThread slow = ticket(Duration.ZERO);
    clock.advance(Duration.ofMinutes(30));
    claim(slow, bo);
    claims.unclaim(slow.id(), bo, Via.WEB);
    clock.advance(Duration.ofMinutes(5));
    claim(slow, ana); // a later claim does not move the first one
    stores.tickets().appendMessage(slow.id(), reply(slow), null);
    relay.awaitIdle(Duration.ofSeconds(5));

    Workload w = workload.compute();

    assertThat(w.claim7Days().samples()).isEqualTo(2);
    assertThat(w.claim7Days().value()).isEqualTo(Duration.ofMinutes(20)); // (10 + 30) / 2
    assertThat(w.firstReply30Days().samples()).isEqualTo(1);
    assertThat(w.firstReply30Days().value()).isEqualTo(Duration.ofMinutes(35));
    assertThat(WorkloadService.median(List.of(), clock.instant(), t -> t.receivedAt()).value()).isNull();
  }

  @Test
  void ticketsOlderThanTheWindowLeaveTheMedians() throws Exception {
    EmailThread old = ticket(Duration.ofDays(10));
    claim(old, ana);

    Workload w = workload.compute();

    assertThat(w.claim7Days().samples()).isZero();
    assertThat(w.claim30Days().samples()).isEqualTo(1);
  }

  private TeamMember member(String name) {
    return stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", Role.AGENT, null, null, null),
        "hash").orElseThrow();
  }

  private EmailThread ticket(Duration age) {
    return stores.tickets().insert(new NewThread("support@example.com", "Help", "c@example.org", "C",
        TicketStatus.OPEN, clock.instant().minus(age)));
  }

  private void claim(EmailThread ticket, TeamMember member) {
    assertThat(claims.claim(ticket.id(), member, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
  }

  private ThreadMessage reply(EmailThread ticket) {
    return new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.OUTBOUND, "<r@claimdesk>", null, null,
        "support@example.com", "Ana", List.of("c@example.org"), null, clock.instant(), "Hello", null, null, ana.id());
  }
}
