package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.assignment.AssignmentService.Result;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.store.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy over many tickets with a test clock: fair shares, capacity, availability, reopened tickets. */
class AssignmentSimulationTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final AssignmentFixture f = new AssignmentFixture(db.database(), new MutableClock(AssignmentFixture.T0));

  @AfterEach
  void close() {
    f.close();
    db.close();
  }

  @Test
  void roundRobinOverAThousandTicketsShouldGiveFiveEqualMembersSharesWithinFivePercentOfTheMean() throws Exception {
    f.policy(Mode.ROUND_ROBIN, false, 300, ReopenToOwner.ALWAYS);
    List<TeamMember> team = new ArrayList<>();
    for (String name : List.of("Ana", "Bo", "Cy", "Di", "Ed")) {
      team.add(f.member(name, null, Availability.ONLINE));
    }
    Map<String, Integer> shares = new LinkedHashMap<>();
    team.forEach(m -> shares.put(m.id(), 0));
    for (int i = 0; i < 1000; i++) {
      EmailThread t = f.ticket("ticket " + i);
      assertThat(f.service.assign(t.id())).isEqualTo(Result.ASSIGNED);
      shares.merge(f.ownerOf(t.id()), 1, Integer::sum);
    }
    double mean = 1000 / 5.0;
    System.out.println("round robin shares of 1000 tickets: " + shares.values() + " (mean " + mean + ")");
    assertThat(shares).hasSize(5);
    assertThat(shares.values()).allSatisfy(s -> assertThat(Math.abs(s - mean)).isLessThanOrEqualTo(mean * 0.05));
    assertThat(f.events(AssignmentAction.ASSIGNED)).hasSize(1000)
        .allSatisfy(e -> assertThat(e.via()).isEqualTo(Via.POLICY));
  }

  @Test
  void leastLoadedShouldPickTheFewestOpenClaimsThenTheLeastRecentlyPicked() {
    f.policy(Mode.LEAST_LOADED, false, 300, ReopenToOwner.ALWAYS);
    TeamMember ana = f.member("Ana", null, Availability.ONLINE);
    TeamMember bo = f.member("Bo", null, Availability.ONLINE);
    TeamMember cy = f.member("Cy", null, Availability.ONLINE);
    f.claims.claim(f.ticket("a1").id(), ana, Via.WEB);
    f.claims.claim(f.ticket("a2").id(), ana, Via.WEB);
    f.claims.claim(f.ticket("c1").id(), cy, Via.WEB);

    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      EmailThread t = f.ticket("new " + i);
      f.service.assign(t.id());
      owners.add(f.ownerOf(t.id()));
    }
    // loads 2,0,1 -> Bo; 2,1,1 -> Cy (never picked before Bo's pick); 2,1,2 -> Bo; 2,2,2 -> Ana (never picked)
    assertThat(owners).containsExactly(bo.id(), cy.id(), bo.id(), ana.id());
  }

  @Test
  void leastLoadedWithCapacitiesShouldNeverExceedThemAndDrainTheBacklogAsCapacityFrees() {
    f.policy(Mode.LEAST_LOADED, false, 300, ReopenToOwner.ALWAYS);
    List<TeamMember> team = List.of(f.member("Ana", 2, Availability.ONLINE), f.member("Bo", 3, Availability.ONLINE),
        f.member("Cy", 4, Availability.ONLINE));
    for (int i = 0; i < 30; i++) {
      f.service.assign(f.ticket("t" + i).id());
      assertWithinCapacity(team);
    }
    assertThat(team.stream().map(f::load)).containsExactly(2, 3, 4);
    assertThat(f.stores.tickets().unassigned(100)).hasSize(21);

    Random random = new Random(7);
    int steps = 0;
    while (!f.stores.tickets().unassigned(100).isEmpty()) {
      TeamMember owner = team.get(random.nextInt(team.size()));
      List<EmailThread> held = f.stores.tickets().ownedBy(owner.id(), 10);
      int waitingBefore = f.stores.tickets().unassigned(100).size();
      f.claims.changeStatus(held.get(0).id(), owner, TicketStatus.RESOLVED, Via.WEB);
      int handedOut = f.service.assignWaiting();
      assertThat(handedOut).isEqualTo(1);
      assertThat(f.stores.tickets().unassigned(100)).hasSize(waitingBefore - 1);
      assertWithinCapacity(team);
      steps++;
    }
    assertThat(steps).isEqualTo(21);
    System.out.println("least loaded: backlog of 21 drained in " + steps + " resolutions, loads "
        + team.stream().map(f::load).toList() + " of capacities 2, 3, 4");
    // raising a capacity hands out at once what waits
    f.ticket("late");
    f.service.assignWaiting();
    assertThat(f.stores.tickets().unassigned(10)).hasSize(1);
    f.stores.team().update(team.get(0).id(), MemberUpdate.none().withCapacity(3));
    assertThat(f.service.assignWaiting()).isEqualTo(1);
    assertThat(f.load(team.get(0))).isEqualTo(3);
  }

  private void assertWithinCapacity(List<TeamMember> team) {
    for (TeamMember m : team) {
      assertThat(f.load(m)).as(m.name() + "'s load").isLessThanOrEqualTo(m.capacity());
    }
  }

  @Test
  void awayOfflineAndInactiveMembersShouldNeverBeChosenAndTheQueueWaitsForSomeoneOnline() {
    f.policy(Mode.ROUND_ROBIN, false, 300, ReopenToOwner.ALWAYS);
    TeamMember ana = f.member("Ana", null, Availability.ONLINE);
    TeamMember bo = f.member("Bo", null, Availability.AWAY);
    f.member("Cy", null, Availability.OFFLINE);
    TeamMember di = f.member("Di", null, Availability.ONLINE);
    f.stores.team().update(di.id(), MemberUpdate.none().withActive(false));
    for (int i = 0; i < 40; i++) {
      f.service.assign(f.ticket("t" + i).id());
    }
    assertThat(f.load(ana)).isEqualTo(40);

    f.stores.team().setAvailability(ana.id(), Availability.AWAY);
    EmailThread waiting = f.ticket("nobody there");
    assertThat(f.service.assign(waiting.id())).isEqualTo(Result.WAITING);
    assertThat(f.ownerOf(waiting.id())).isNull();

    f.stores.team().setAvailability(bo.id(), Availability.ONLINE);
    assertThat(f.service.assignWaiting()).isEqualTo(1);
    assertThat(f.ownerOf(waiting.id())).isEqualTo(bo.id());
  }

  @Test
  void aReopenedTicketShouldFollowReopenToOwner() throws Exception {
    TeamMember ana = f.member("Ana", null, Availability.OFFLINE);
    TeamMember bo = f.member("Bo", null, Availability.ONLINE);
    Map<ReopenToOwner, String> ownerAfterReopenWhileAnaOffline = new LinkedHashMap<>();
    for (ReopenToOwner rule : ReopenToOwner.values()) {
      f.policy(Mode.ROUND_ROBIN, false, 300, rule);
      ownerAfterReopenWhileAnaOffline.put(rule, reopenAnasTicket(ana));
    }
    f.stores.team().setAvailability(ana.id(), Availability.ONLINE);
    f.policy(Mode.ROUND_ROBIN, false, 300, ReopenToOwner.IF_ONLINE);
    String ifOnlineWhileOnline = reopenAnasTicket(ana);
    f.policy(Mode.ROUND_ROBIN, false, 300, ReopenToOwner.NEVER);
    String neverWhileOnline = reopenAnasTicket(ana);

    assertThat(ownerAfterReopenWhileAnaOffline).containsEntry(ReopenToOwner.ALWAYS, ana.id())
        .containsEntry(ReopenToOwner.IF_ONLINE, bo.id()).containsEntry(ReopenToOwner.NEVER, bo.id());
    assertThat(ifOnlineWhileOnline).isEqualTo(ana.id());
    assertThat(neverWhileOnline).isEqualTo(bo.id());
    assertThat(f.events(AssignmentAction.RELEASED)).hasSize(3)
        .allSatisfy(e -> assertThat(e.previousOwnerId()).isEqualTo(ana.id()));
  }

  /** Ana claims and resolves a ticket, mail reopens it (a status change nobody made); its owner after. */
  private String reopenAnasTicket(TeamMember ana) {
    EmailThread t = f.ticket("reopen");
    assertThat(f.claims.claim(t.id(), ana, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
    f.claims.changeStatus(t.id(), ana, TicketStatus.RESOLVED, Via.WEB);
    f.stores.tickets().setStatus(t.id(), ana.id(), TicketStatus.OPEN, null);
    f.service.reopened(t.id());
    return f.ownerOf(t.id());
  }
}
