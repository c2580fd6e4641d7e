package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances (each its own client, stores, relay and services) on one database, handing out the same 200
 * tickets at the same time: no ticket is ever offered or assigned twice.
 */
class TwoInstancesRaceTest {
  private static final int TICKETS = 200;
  private final TestDatabase db = TestDatabase.embedded();
  private final MongoClient secondClient = MongoClients.create(db.connectionString());
  private final MutableClock clock = new MutableClock(AssignmentFixture.T0);
  private final AssignmentFixture one = new AssignmentFixture(db.database(), clock);
  private final AssignmentFixture two = new AssignmentFixture(secondClient.getDatabase("claimdesk"), clock);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() {
    pool.shutdownNow();
    one.close();
    two.close();
    secondClient.close();
    db.close();
  }

  @Test
  void offersRacedByTwoInstancesShouldBeOneOpenOfferPerTicketThroughExpiryAndAccept() throws Exception {
    one.policy(Mode.ROUND_ROBIN, true, 60, ReopenToOwner.ALWAYS);
    List<TeamMember> team = team();
    List<EmailThread> tickets = tickets();

    both(service -> { tickets.forEach(t -> service.assign(t.id())); return null; });
    assertOneOpenOfferPerTicket(tickets);
    assertThat(perTicket(AssignmentAction.OFFERED)).hasSize(TICKETS).allSatisfy((t, n) -> assertThat(n).isEqualTo(1));

    clock.advance(Duration.ofSeconds(60));
    List<Integer> expired = both(AssignmentService::expireDue);
    assertThat(expired.get(0) + expired.get(1)).isEqualTo(TICKETS);
    assertOneOpenOfferPerTicket(tickets);
    assertThat(perTicket(AssignmentAction.EXPIRED)).hasSize(TICKETS).allSatisfy((t, n) -> assertThat(n).isEqualTo(1));
    assertThat(perTicket(AssignmentAction.OFFERED)).hasSize(TICKETS).allSatisfy((t, n) -> assertThat(n).isEqualTo(2));

    // every member accepts each of their offers through both instances at once
    List<Offer> open = one.assignmentStores.offers().allOpen();
    Map<String, TeamMember> byId = team.stream().collect(Collectors.toMap(TeamMember::id, m -> m));
    List<Integer> accepted = both(service -> (int) open.stream()
        .filter(o -> service.accept(o.id(), byId.get(o.memberId())) instanceof OfferOutcome.Accepted).count());
    assertThat(accepted.get(0) + accepted.get(1)).isEqualTo(TICKETS);
    assertThat(one.assignmentStores.offers().allOpen()).isEmpty();
    for (Offer o : open) {
      assertThat(one.ownerOf(o.threadId())).isEqualTo(o.memberId());
    }
    assertThat(perTicket(AssignmentAction.CLAIMED)).hasSize(TICKETS).allSatisfy((t, n) -> assertThat(n).isEqualTo(1));
    System.out.println("two instances, " + TICKETS + " tickets with offers: expired " + expired + ", accepted "
        + accepted + " (instance one, two)");
  }

  @Test
  void directAssignmentsRacedByTwoInstancesShouldGiveEachTicketOneOwnerOnce() throws Exception {
    one.policy(Mode.ROUND_ROBIN, false, 60, ReopenToOwner.ALWAYS);
    List<TeamMember> team = team();
    List<EmailThread> tickets = tickets();

    both(service -> { tickets.forEach(t -> service.assign(t.id())); return null; });

    assertThat(perTicket(AssignmentAction.ASSIGNED)).hasSize(TICKETS).allSatisfy((t, n) -> assertThat(n).isEqualTo(1));
    assertThat(one.stores.tickets().unassigned(10)).isEmpty();
    List<Integer> loads = team.stream().map(one::load).toList();
    System.out.println("two instances, " + TICKETS + " tickets assigned directly: loads " + loads);
    assertThat(loads.stream().mapToInt(Integer::intValue).sum()).isEqualTo(TICKETS);
  }

  private List<TeamMember> team() {
    List<TeamMember> team = new ArrayList<>();
    for (String name : List.of("Ana", "Bo", "Cy", "Di")) {
      team.add(one.member(name, null, Availability.ONLINE));
    }
    return team;
  }

  private List<EmailThread> tickets() {
    List<EmailThread> tickets = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      tickets.add(one.ticket("race " + i));
    }
    return tickets;
  }

  /** Runs {@code work} on both instances at the same moment; their results, instance one first. */
  private <T> List<T> both(Function<AssignmentService, T> work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> runs = new ArrayList<>();
    for (AssignmentService service : List.of(one.service, two.service)) {
      Callable<T> run = () -> {
        go.await();
        return work.apply(service);
      };
      runs.add(pool.submit(run));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> run : runs) {
      results.add(run.get());
    }
    return results;
  }

  private void assertOneOpenOfferPerTicket(List<EmailThread> tickets) {
    List<String> offered = one.assignmentStores.offers().allOpen().stream().map(Offer::threadId).toList();
    assertThat(offered).hasSize(TICKETS).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(tickets.stream().map(EmailThread::id).toList());
  }

  private Map<String, Long> perTicket(AssignmentAction action) throws InterruptedException {
    one.events(action);
    two.events(action);
    List<AssignmentEvent> events = one.stores.assignments().since(AssignmentFixture.T0.minusSeconds(1));
    return Collections.unmodifiableMap(events.stream().filter(e -> e.action() == action)
        .collect(Collectors.groupingBy(AssignmentEvent::threadId, Collectors.counting())));
  }
}
