package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.Ids;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims nobody answers: one nudge per claim after the nudge hours, released to the queue after the release hours. */
class StaleClaimsTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final AssignmentFixture f = new AssignmentFixture(db.database(), new MutableClock(AssignmentFixture.T0));
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final AssignmentNotices recording = new AssignmentNotices() {
    @Override
    public void nudged(EmailThread ticket, TeamMember owner, int hours) {
      said.add("nudged " + ticket.subject() + " " + owner.name() + " " + hours);
    }

    @Override
    public void released(EmailThread ticket, Owner previous, int hours) {
      said.add("released " + ticket.subject() + " from " + previous.name() + " after " + hours);
    }
  };
  private final AssignmentService service = new AssignmentService(f.stores.tickets(), f.stores.team(), f.claims,
      f.assignmentStores, f.stores.assignments(), f.clock, recording);
  private TeamMember ana;
  private TeamMember bo;

  @BeforeEach
  void team() {
    f.assignmentStores.settings().saveAssignmentPolicy(
        new AssignmentPolicy(Mode.ROUND_ROBIN, false, 300, 4, 8, ReopenToOwner.ALWAYS));
    ana = f.member("Ana", null, Availability.ONLINE);
    bo = f.member("Bo", null, Availability.ONLINE);
  }

  @AfterEach
  void close() {
    f.close();
    db.close();
  }

  private StaleClaims staleClaims() {
    return new StaleClaims(service, f.stores.tickets(), f.stores.team(), MongoStores.notices(db.database()),
        recording, f.clock);
  }

  private EmailThread claimedByAna(String subject) {
    EmailThread t = f.ticket(subject);
    f.claims.claim(t.id(), ana, Via.WEB);
    return t;
  }

  private void sweepAfter(StaleClaims stale, Duration wait) {
    f.clock.advance(wait);
    stale.sweep();
  }

  @Test
  void aQuietClaimShouldBeNudgedOnceAtTheNudgeHoursEvenAcrossARestart() {
    EmailThread t = claimedByAna("quiet");
    StaleClaims stale = staleClaims();

    sweepAfter(stale, Duration.ofHours(4).minusSeconds(1));
    List<String> before = List.copyOf(said);
    sweepAfter(stale, Duration.ofSeconds(1));
    sweepAfter(stale, Duration.ofHours(1));
    sweepAfter(staleClaims(), Duration.ofHours(1)); // another instance, or this one restarted

    assertThat(before).isEmpty();
    assertThat(said).containsExactly("nudged quiet Ana 4");
    assertThat(f.ownerOf(t.id())).isEqualTo(ana.id());
  }

  private void message(EmailThread t, ThreadMessage.Direction direction, String messageId) {
    f.stores.tickets().append(t.id(), new ThreadMessage(Ids.next(), t.id(), direction, messageId, null, List.of(),
        "support@example.com", null, List.of("customer@example.org"), List.of(), f.clock.instant(), "Text", null,
        List.of(), direction == ThreadMessage.Direction.OUTBOUND ? ana.id() : null), null);
  }

  @Test
  void aReplyByTheOwnerShouldRestartTheClockFromTheCustomersNextMessage() {
    EmailThread t = claimedByAna("answered");
    StaleClaims stale = staleClaims();
    f.clock.advance(Duration.ofHours(3));
    message(t, ThreadMessage.Direction.OUTBOUND, "<r1@x>");
    f.clock.advance(Duration.ofHours(2));
    message(t, ThreadMessage.Direction.INBOUND, "<c2@x>"); // the customer answers: the owner's turn again

    sweepAfter(stale, Duration.ofHours(4).minusSeconds(1)); // 9 h after the claim, 4 h less a second after it
    List<String> beforeFour = List.copyOf(said);
    sweepAfter(stale, Duration.ofSeconds(1));
    List<String> atFour = List.copyOf(said);
    sweepAfter(stale, Duration.ofHours(4).minusSeconds(1));
    String ownerBefore = f.ownerOf(t.id());
    sweepAfter(stale, Duration.ofSeconds(1));

    assertThat(beforeFour).isEmpty();
    assertThat(atFour).containsExactly("nudged answered Ana 4");
    assertThat(ownerBefore).isEqualTo(ana.id());
    assertThat(said).containsExactly("nudged answered Ana 4", "released answered from Ana after 8");
    assertThat(f.ownerOf(t.id())).isEqualTo(bo.id());
  }

  @Test
  void aClaimQuietForTheReleaseHoursShouldGoBackToTheQueueOpenWithAnEventAndToSomeoneElse() throws Exception {
    EmailThread t = claimedByAna("forgotten");
    f.claims.changeStatus(t.id(), ana, TicketStatus.WAITING, Via.WEB);
    StaleClaims stale = staleClaims();

    sweepAfter(stale, Duration.ofHours(5));
    sweepAfter(stale, Duration.ofHours(3).minusSeconds(1));
    String ownerAtEightMinus = f.ownerOf(t.id());
    f.clock.advance(Duration.ofSeconds(1));
    int released = stale.sweep();
    int releasedAgain = stale.sweep();

    assertThat(ownerAtEightMinus).isEqualTo(ana.id());
    assertThat(released).isEqualTo(1);
    assertThat(releasedAgain).isZero();
    assertThat(said).containsExactly("nudged forgotten Ana 4", "released forgotten from Ana after 8");
    EmailThread after = f.stores.tickets().find(t.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(after.owner().memberId()).isEqualTo(bo.id());
    List<AssignmentEvent> releasedEvents = f.events(AssignmentAction.RELEASED);
    assertThat(releasedEvents).singleElement().satisfies(e -> {
      assertThat(e.via()).isEqualTo(Via.POLICY);
      assertThat(e.previousOwnerId()).isEqualTo(ana.id());
      assertThat(e.newOwnerId()).isNull();
    });
    assertThat(f.events(AssignmentAction.ASSIGNED)).extracting(AssignmentEvent::newOwnerId).containsExactly(bo.id());
  }

  @Test
  void aTicketWaitingForTheCustomerShouldNeitherBeNudgedNorReleased() {
    EmailThread t = claimedByAna("your turn");
    f.clock.advance(Duration.ofHours(1));
    message(t, ThreadMessage.Direction.OUTBOUND, "<r1@x>");
    StaleClaims stale = staleClaims();

    sweepAfter(stale, Duration.ofDays(3));
    List<String> whileWaiting = List.copyOf(said);
    message(t, ThreadMessage.Direction.INBOUND, "<c2@x>"); // three days later the customer writes back
    sweepAfter(stale, Duration.ofHours(1));
    List<String> anHourLater = List.copyOf(said);
    sweepAfter(stale, Duration.ofHours(3));

    assertThat(whileWaiting).isEmpty();
    assertThat(anHourLater).isEmpty();
    assertThat(said).containsExactly("nudged your turn Ana 4");
    assertThat(f.ownerOf(t.id())).isEqualTo(ana.id());
  }

  @Test
  void withoutStaleHoursNothingShouldBeNudgedOrReleased() {
    f.assignmentStores.settings().saveAssignmentPolicy(
        new AssignmentPolicy(Mode.ROUND_ROBIN, false, 300, null, null, ReopenToOwner.ALWAYS));
    EmailThread t = claimedByAna("calm");
    sweepAfter(staleClaims(), Duration.ofDays(30));
    assertThat(said).isEmpty();
    assertThat(f.ownerOf(t.id())).isEqualTo(ana.id());
  }
}
