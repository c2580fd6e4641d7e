package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TicketStore} must do about who owns a ticket (compare-and-set, claims racing through the claim
 * service), the events a ticket keeps for the relay, its chat posts, and ids that name no ticket.
 */
interface TicketStoreContract extends StoreFixture {
  @Test
  default void compareAndSetShouldClaimAnUnassignedTicketOnce() {
    EmailThread ticket = ticket("Printer on fire", T0);
    Owner ana = new Owner(new ObjectId().toHexString(), "ana@example.com", "Ana", T0);
    Owner bo = new Owner(new ObjectId().toHexString(), "bo@example.com", "Bo", T0);

    assertThat(tickets().compareAndSetOwner(ticket.id(), null, ana, event("claimed", ticket.id())))
        .hasValueSatisfying(t -> {
          assertThat(t.owner()).isEqualTo(ana);
          assertThat(t.version()).isEqualTo(ticket.version() + 1);
        });
    assertThat(tickets().compareAndSetOwner(ticket.id(), null, bo, event("claimed", ticket.id()))).isEmpty();
    assertThat(tickets().find(ticket.id()).orElseThrow().owner()).isEqualTo(ana);
    assertThat(tickets().compareAndSetOwner(ticket.id(), ana.memberId(), null, event("unclaimed", ticket.id())))
        .hasValueSatisfying(t -> assertThat(t.owner()).isNull());
    // the losing attempt recorded nothing: the ticket holds two events for the relay
    assertThat(tickets().recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::type)
        .containsExactly("claimed", "unclaimed");
  }

  @Test
  default void legacyTicketWithoutAssignedToFieldShouldBeQueuedAndClaimable() throws InterruptedException {
    Stores stores = stores();
    ObjectId id = new ObjectId();
    database().getCollection("email_threads").insertOne(new Document("_id", id)
        .append("mailbox", "support@example.com").append("subject", "Written before assignment existed")
        .append("customerEmail", "old@example.org").append("status", "open")
        .append("receivedAt", Date.from(T0)));
    TeamMember ana = member("Ana", Role.AGENT);

    assertThat(tickets().unassigned(10)).extracting(EmailThread::id).containsExactly(id.toHexString());
    ClaimOutcome outcome = claims().claim(id.toHexString(), ana, Via.API);

    assertThat(outcome).isInstanceOf(ClaimOutcome.Won.class);
    assertThat(tickets().find(id.toHexString()).orElseThrow().owner().email()).isEqualTo("ana@example.com");
    settle();
    assertThat(stores.assignments().count(id.toHexString(), AssignmentAction.CLAIMED)).isEqualTo(1);
  }

  @Test
  default void concurrentClaimsShouldHaveExactlyOneWinner() throws Exception {
    Stores stores = stores();
    ClaimService claims = claims();
    List<TeamMember> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      members.add(member("Agent" + i, Role.AGENT));
    }
    ExecutorService pool = Executors.newFixedThreadPool(members.size());
    try {
      for (int round = 0; round < 20; round++) {
        EmailThread ticket = ticket("Race " + round, T0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaimOutcome>> results = new ArrayList<>();
        for (TeamMember m : members) {
          Callable<ClaimOutcome> claim = () -> {
            start.await();
            return claims.claim(ticket.id(), m, Via.API);
          };
          results.add(pool.submit(claim));
        }
        start.countDown();
        int won = 0;
        for (Future<ClaimOutcome> result : results) {
          won += result.get() instanceof ClaimOutcome.Won ? 1 : 0;
        }
        assertThat(won).as("winners in round %d", round).isEqualTo(1);
        settle();
        assertThat(stores.assignments().count(ticket.id(), AssignmentAction.CLAIMED)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void ticketsShouldKeepOnlyTheirLatestEvents() {
    EmailThread ticket = ticket("Busy", T0);
    for (int i = 0; i < TicketStore.RECENT_EVENTS + 5; i++) {
      tickets().setStatus(ticket.id(), null, i % 2 == 0 ? TicketStatus.WAITING : TicketStatus.OPEN,
          event("status_changed", ticket.id()));
    }
    assertThat(tickets().recentEvents(T0, T0.plusSeconds(1))).hasSize(TicketStore.RECENT_EVENTS);
  }

  @Test
  default void aTicketShouldKeepItsChatPostsAndHandOutOneMessageByNumber() {
    EmailThread ticket = ticket("Chat", T0);
    tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
        "<c1@example.org>", null, null, "c@example.org", "C", List.of("support@example.com"), null, T0, "First",
        null, null, null), null);
    long version = tickets().find(ticket.id()).orElseThrow().version();
    ChatPost post = new ChatPost("slack", "C1", "1700000000.000100");
    tickets().addChatPost(ticket.id(), post);
    tickets().addChatPost(ticket.id(), post);

    EmailThread after = tickets().find(ticket.id()).orElseThrow();
    assertThat(after.chat()).containsExactly(post);
    assertThat(after.version()).as("recording a chat post is not a change of the ticket").isEqualTo(version);
    assertThat(tickets().message(ticket.id(), 1)).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("First"));
    assertThat(tickets().message(ticket.id(), 2)).isEmpty();
  }

  @Test
  default void unknownAndMalformedIdsShouldFindAndChangeNothing() {
    Stores stores = stores();
    assertThat(tickets().find(new ObjectId().toHexString())).isEmpty();
    assertThat(tickets().find("zzz")).isEmpty();
    assertThat(tickets().compareAndSetOwner("zzz", null,
        new Owner(new ObjectId().toHexString(), "a@example.com", "A", T0), event("claimed", "zzz"))).isEmpty();
    assertThat(tickets().messages(new ObjectId().toHexString())).isEmpty();
    assertThat(stores.outbox().readAfter(0, 5)).isEmpty();
    assertThat(tickets().setStatus("zzz", null, TicketStatus.OPEN, event("status_changed", "zzz"))).isEmpty();
  }
}
