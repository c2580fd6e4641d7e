package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.assignment.AssignmentService.Result;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offers with a timeout: to one member at a time, passed on by a decline or the clock, accepted only by their member. */
class OfferFlowTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final AssignmentFixture f = new AssignmentFixture(db.database(), new MutableClock(AssignmentFixture.T0));
  private TeamMember ana;
  private TeamMember bo;
  private TeamMember cy;

  @BeforeEach
  void team() {
    f.policy(Mode.ROUND_ROBIN, true, 60, ReopenToOwner.ALWAYS);
    ana = f.member("Ana", null, Availability.ONLINE);
    bo = f.member("Bo", null, Availability.ONLINE);
    cy = f.member("Cy", null, Availability.ONLINE);
  }

  @AfterEach
  void close() {
    f.close();
    db.close();
  }

  private Offer openOffer(EmailThread t) {
    return f.assignmentStores.offers().openFor(t.id()).orElseThrow();
  }

  @Test
  void anOfferNotAnsweredWithinTheTimeoutShouldPassToTheNextMember() throws Exception {
    EmailThread t = f.ticket("slow");
    assertThat(f.service.assign(t.id())).isEqualTo(Result.OFFERED);
    Offer first = openOffer(t);

    f.clock.advance(Duration.ofSeconds(59));
    int expiredEarly = f.service.expireDue();
    f.clock.advance(Duration.ofSeconds(1));
    int expiredOnTime = f.service.expireDue();

    assertThat(first.memberId()).isEqualTo(ana.id());
    assertThat(first.expiresAt()).isEqualTo(first.createdAt().plusSeconds(60));
    assertThat(expiredEarly).isZero();
    assertThat(expiredOnTime).isEqualTo(1);
    assertThat(openOffer(t).memberId()).isEqualTo(bo.id());
    assertThat(f.assignmentStores.offers().find(first.id()).orElseThrow().status()).isEqualTo(Offer.Status.EXPIRED);
    assertThat(f.ownerOf(t.id())).isNull();
    assertThat(f.stores.assignments().history(t.id())).extracting(AssignmentEvent::action, AssignmentEvent::newOwnerId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AssignmentAction.OFFERED, ana.id()),
            org.assertj.core.groups.Tuple.tuple(AssignmentAction.EXPIRED, ana.id()),
            org.assertj.core.groups.Tuple.tuple(AssignmentAction.OFFERED, bo.id()));
  }

  @Test
  void aDeclineShouldPassTheOfferOnAtOnceAndNeverBackToTheSameMemberInARow() {
    EmailThread t = f.ticket("declined");
    f.service.assign(t.id());
    Offer toAna = openOffer(t);
    assertThat(f.service.decline(toAna.id(), ana, Via.WEB)).isInstanceOf(OfferOutcome.Declined.class);
    Offer toBo = openOffer(t);
    f.service.decline(toBo.id(), bo, Via.WEB);
    Offer toCy = openOffer(t);

    assertThat(List.of(toAna.memberId(), toBo.memberId(), toCy.memberId())).containsExactly(ana.id(), bo.id(), cy.id());
    assertThat(toBo.createdAt()).isEqualTo(toAna.createdAt()); // no clock moved: passed on at once

    // alone online, Ana declines: the ticket waits rather than coming back to her
    f.stores.team().setAvailability(bo.id(), Availability.AWAY);
    f.stores.team().setAvailability(cy.id(), Availability.AWAY);
    EmailThread u = f.ticket("alone");
    f.service.assign(u.id());
    f.service.decline(openOffer(u).id(), ana, Via.WEB);
    assertThat(f.assignmentStores.offers().openFor(u.id())).isEmpty();
    assertThat(f.service.assign(u.id())).isEqualTo(Result.WAITING);
    f.stores.team().setAvailability(bo.id(), Availability.ONLINE);
    f.service.assignWaiting();
    assertThat(openOffer(u).memberId()).isEqualTo(bo.id());
  }

  @Test
  void anAcceptBySomeoneElseOrAfterTheOfferClosedShouldBeRefusedAndChangeNothing() throws Exception {
    EmailThread t = f.ticket("wanted");
    f.service.assign(t.id());
    Offer offer = openOffer(t);

    OfferOutcome byBo = f.service.accept(offer.id(), bo);
    OfferOutcome declineByBo = f.service.decline(offer.id(), bo, Via.WEB);
    assertThat(byBo).isInstanceOf(OfferOutcome.NotYours.class);
    assertThat(declineByBo).isInstanceOf(OfferOutcome.NotYours.class);
    assertThat(openOffer(t)).isEqualTo(offer);
    assertThat(f.ownerOf(t.id())).isNull();

    OfferOutcome byAna = f.service.accept(offer.id(), ana);
    OfferOutcome again = f.service.accept(offer.id(), ana);
    assertThat(byAna).isInstanceOf(OfferOutcome.Accepted.class);
    assertThat(again).isInstanceOf(OfferOutcome.NoLongerOpen.class);
    assertThat(OfferOutcome.NO_LONGER_OPEN).isEqualTo("This offer is no longer open");
    assertThat(f.ownerOf(t.id())).isEqualTo(ana.id());
    assertThat(f.events(AssignmentAction.CLAIMED)).singleElement()
        .satisfies(e -> assertThat(e.via()).isEqualTo(Via.AUTO));
    assertThat(f.events(AssignmentAction.ACCEPTED)).hasSize(1);

    // an offer whose time is up cannot be accepted, even before the expiry tick ran
    EmailThread late = f.ticket("late");
    f.service.assign(late.id());
    Offer lateOffer = openOffer(late);
    f.clock.advance(Duration.ofSeconds(60));
    TeamMember member = f.stores.team().find(lateOffer.memberId()).orElseThrow();
    assertThat(f.service.accept(lateOffer.id(), member)).isInstanceOf(OfferOutcome.NoLongerOpen.class);
    assertThat(f.ownerOf(late.id())).isNull();
  }

  @Test
  void aTicketClaimedByHandWhileOnOfferShouldCloseTheOfferAndRefuseItsAccept() throws Exception {
    EmailThread t = f.ticket("grabbed");
    f.service.assign(t.id());
    Offer toAna = openOffer(t);
    f.claims.claim(t.id(), bo, Via.WEB);
    AssignmentTriggers triggers = new AssignmentTriggers(f.service);
    f.relay.observe(triggers);
    EmailThread u = f.ticket("grabbed too");
    f.service.assign(u.id());
    Offer toBo = openOffer(u);

    OfferOutcome lateAccept = f.service.accept(toAna.id(), ana);
    f.claims.claim(u.id(), cy, Via.WEB); // the trigger closes Bo's offer off the relay
    f.relay.awaitIdle(Duration.ofSeconds(10));
    // the relay calls its observers just after it counts the event relayed: wait (bounded) for that call
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (f.assignmentStores.offers().openFor(u.id()).isPresent() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    triggers.close();

    assertThat(lateAccept).isInstanceOf(OfferOutcome.NoLongerOpen.class);
    assertThat(f.ownerOf(t.id())).isEqualTo(bo.id());
    assertThat(f.assignmentStores.offers().find(toAna.id()).orElseThrow().status()).isEqualTo(Offer.Status.EXPIRED);
    assertThat(f.assignmentStores.offers().find(toBo.id()).orElseThrow().status()).isEqualTo(Offer.Status.EXPIRED);
    assertThat(f.service.openOffers(ana)).isEmpty();
    assertThat(f.service.openOffers(bo)).isEmpty();
  }

  @Test
  void anOfferedMemberShouldCountTheOfferAgainstCapacity() {
    f.stores.team().update(ana.id(), io.claimdesk.core.team.MemberUpdate.none().withCapacity(1));
    f.stores.team().setAvailability(cy.id(), Availability.AWAY);
    List<String> offeredTo = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EmailThread t = f.ticket("c" + i);
      f.service.assign(t.id());
      offeredTo.add(openOffer(t).memberId());
    }
    assertThat(offeredTo).containsExactly(ana.id(), bo.id(), bo.id());
  }
}
