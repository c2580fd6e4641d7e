package io.claimdesk.core.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What every MongoDB the store runs on must do. Implemented once per server: the embedded one always, a real
 * MongoDB when one is available. Each test gets an empty database from {@link #database()}.
 */
interface StoreContract {
  Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  MongoDatabase database();

  default MongoStores stores() {
    return MongoStores.open(database(), Clock.fixed(T0, ZoneOffset.UTC));
  }

  default ClaimService claims(MongoStores stores) {
    return new ClaimService(stores.tickets(), stores.team(), stores.assignments(), stores.outbox(),
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  default TeamMember member(MongoStores stores, String name, Role role) {
    return stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null), null)
        .orElseThrow();
  }

  default EmailThread ticket(MongoStores stores, String subject, Instant receivedAt) {
    return stores.tickets().insert(new NewThread("support@example.com", subject, "customer@example.org",
        "Customer", TicketStatus.OPEN, receivedAt));
  }

  @Test
  default void compareAndSetShouldClaimAnUnassignedTicketOnce() {
    MongoStores stores = stores();
    EmailThread ticket = ticket(stores, "Printer on fire", T0);
    Owner ana = new Owner(new ObjectId().toHexString(), "ana@example.com", "Ana", T0);
    Owner bo = new Owner(new ObjectId().toHexString(), "bo@example.com", "Bo", T0);

    assertThat(stores.tickets().compareAndSetOwner(ticket.id(), null, ana)).hasValueSatisfying(t -> {
      assertThat(t.owner()).isEqualTo(ana);
      assertThat(t.version()).isEqualTo(ticket.version() + 1);
    });
    assertThat(stores.tickets().compareAndSetOwner(ticket.id(), null, bo)).isEmpty();
    assertThat(stores.tickets().find(ticket.id()).orElseThrow().owner()).isEqualTo(ana);
    assertThat(stores.tickets().compareAndSetOwner(ticket.id(), ana.memberId(), null))
        .hasValueSatisfying(t -> assertThat(t.owner()).isNull());
  }

  @Test
  default void legacyTicketWithoutAssignedToFieldCanBeClaimed() {
    MongoStores stores = stores();
    ObjectId id = new ObjectId();
    database().getCollection("email_threads").insertOne(new Document("_id", id)
        .append("mailbox", "support@example.com").append("subject", "Written before assignment existed")
        .append("customerEmail", "old@example.org").append("status", "open")
        .append("receivedAt", Date.from(T0)));
    TeamMember ana = member(stores, "Ana", Role.AGENT);

    assertThat(stores.tickets().unassigned(10)).extracting(EmailThread::id).containsExactly(id.toHexString());
    ClaimOutcome outcome = claims(stores).claim(id.toHexString(), ana, Via.API);

    assertThat(outcome).isInstanceOf(ClaimOutcome.Won.class);
    assertThat(stores.tickets().find(id.toHexString()).orElseThrow().owner().email()).isEqualTo("ana@example.com");
    assertThat(stores.assignments().count(id.toHexString(), AssignmentAction.CLAIMED)).isEqualTo(1);
  }

  @Test
  default void concurrentClaimsShouldHaveExactlyOneWinner() throws Exception {
    MongoStores stores = stores();
    ClaimService claims = claims(stores);
    List<TeamMember> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      members.add(member(stores, "Agent" + i, Role.AGENT));
    }
    ExecutorService pool = Executors.newFixedThreadPool(members.size());
    try {
      for (int round = 0; round < 20; round++) {
        EmailThread ticket = ticket(stores, "Race " + round, T0);
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
        assertThat(stores.assignments().count(ticket.id(), AssignmentAction.CLAIMED)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void queuesShouldListOldestFirstAndLeaveOutResolvedTickets() {
    MongoStores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    EmailThread newer = ticket(stores, "newer", T0.plusSeconds(60));
    EmailThread older = ticket(stores, "older", T0);
    EmailThread resolved = ticket(stores, "resolved", T0.minusSeconds(60));
    stores.tickets().setStatus(resolved.id(), null, TicketStatus.RESOLVED);
    EmailThread mine = ticket(stores, "mine", T0.minusSeconds(30));
    claims(stores).claim(mine.id(), ana, Via.WEB);

    assertThat(stores.tickets().unassigned(10)).extracting(EmailThread::id).containsExactly(older.id(), newer.id());
    assertThat(stores.tickets().ownedBy(ana.id(), 10)).extracting(EmailThread::id).containsExactly(mine.id());
    assertThat(stores.tickets().ownedBy("not-an-id", 10)).isEmpty();
  }

  @Test
  default void listShouldPageNewestFirstWithoutRepeatsOrGaps() {
    MongoStores stores = stores();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      // pairs share a timestamp so that the cursor must break ties by id
      created.add(ticket(stores, "t" + i, T0.plusSeconds(i / 2)).id());
    }
    List<EmailThread> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TicketPage page = stores.tickets().list(new TicketQuery(null, null, 10, cursor));
      seen.addAll(page.tickets());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).extracting(EmailThread::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).receivedAt()).isBeforeOrEqualTo(seen.get(i - 1).receivedAt());
    }
    assertThatThrownBy(() -> stores.tickets().list(new TicketQuery(null, null, 10, "garbage!")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void listShouldFilterByStatusAndAssignee() {
    MongoStores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    EmailThread waiting = ticket(stores, "waiting", T0);
    stores.tickets().setStatus(waiting.id(), null, TicketStatus.WAITING);
    EmailThread claimed = ticket(stores, "claimed", T0);
    claims(stores).claim(claimed.id(), ana, Via.API);
    EmailThread free = ticket(stores, "free", T0);

    assertThat(stores.tickets().list(new TicketQuery(TicketStatus.WAITING, null, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(waiting.id());
    assertThat(stores.tickets().list(new TicketQuery(null, ana.id(), 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(claimed.id());
    assertThat(stores.tickets().list(new TicketQuery(TicketStatus.OPEN, TicketQuery.UNASSIGNED, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(free.id());
  }

  @Test
  default void messagesShouldBeKeptInOrderAndCounted() {
    MongoStores stores = stores();
    EmailThread ticket = ticket(stores, "Chatty", T0);
    for (int i = 0; i < 12; i++) {
      stores.tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
          "<m" + i + "@example.org>", null, List.of(), "customer@example.org", "Customer", List.of("support@example.com"),
          List.of(), T0.plusSeconds(i), "message " + i, null, List.of(), null));
    }

    List<ThreadMessage> messages = stores.tickets().messages(ticket.id());
    assertThat(messages).extracting(ThreadMessage::text).containsExactly(
        "message 0", "message 1", "message 2", "message 3", "message 4", "message 5",
        "message 6", "message 7", "message 8", "message 9", "message 10", "message 11");
    EmailThread updated = stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(updated.messageCount()).isEqualTo(12);
    assertThat(updated.lastMessageAt()).isEqualTo(T0.plusSeconds(11));
  }

  @Test
  default void outboxShouldNumberEventsDenselyAndReadThemBackInOrder() {
    MongoStores stores = stores();
    assertThat(stores.outbox().head()).isZero();
    for (int i = 0; i < 30; i++) {
      OutboxEvent event = stores.outbox().append(OutboxEvent.CLAIMED, "t" + i, "m", "api", i, T0);
      assertThat(event.seq()).isEqualTo(i + 1);
    }
    assertThat(stores.outbox().head()).isEqualTo(30);
    assertThat(stores.outbox().readAfter(25, 10)).extracting(OutboxEvent::seq).containsExactly(26L, 27L, 28L, 29L, 30L);
    assertThat(stores.outbox().readAfter(0, 3)).extracting(OutboxEvent::threadId).containsExactly("t0", "t1", "t2");
  }

  @Test
  default void concurrentAppendsShouldTakeUniqueDenseNumbers() throws Exception {
    MongoStores stores = stores();
    EmailThread ticket = ticket(stores, "Busy", T0);
    int threads = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<Long> seqs = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            seqs.add(stores.outbox().append(OutboxEvent.MESSAGE_ADDED, ticket.id(), "m", "api", 1, T0).seq());
            stores.tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
                ThreadMessage.Direction.INBOUND, null, null, List.of(), "c@example.org", null, List.of(), List.of(),
                T0, "concurrent", null, List.of(), null));
          }
          return seqs;
        }));
      }
      start.countDown();
      Set<Long> seqs = new HashSet<>();
      for (Future<List<Long>> result : results) {
        seqs.addAll(result.get());
      }
      assertThat(seqs).hasSize(threads * each);
      assertThat(java.util.Collections.max(seqs)).isEqualTo(threads * each);
      assertThat(stores.tickets().messages(ticket.id())).hasSize(threads * each);
      assertThat(stores.tickets().find(ticket.id()).orElseThrow().messageCount()).isEqualTo(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void teamShouldKeepEmailsUniqueAndFindMembersByTokenHash() {
    MongoStores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    member(stores, "Bo", Role.AGENT); // neither has a Slack id or a token: sparse unique indexes must allow that

    assertThat(stores.team().insert(new NewMember("Other Ana", "ana@example.com", Role.AGENT, null, null, null), null))
        .isEmpty();
    stores.team().setApiTokenHash(ana.id(), "hash-1");
    assertThat(stores.team().findByApiTokenHash("hash-1")).contains(ana);
    stores.team().setApiTokenHash(ana.id(), "hash-2");
    assertThat(stores.team().findByApiTokenHash("hash-1")).isEmpty();
    assertThat(stores.team().findByEmail("ANA@example.com ")).contains(ana);
  }

  @Test
  default void contactsShouldBeFoundByPhoneAndEmail() {
    MongoStores stores = stores();
    Contact contact = stores.contacts().insert(
        new Contact(null, "Carla", List.of("Carla@Example.org"), List.of("+14155550100"), null));

    assertThat(stores.contacts().findByPhone("+14155550100")).contains(contact);
    assertThat(stores.contacts().findByEmail("carla@example.org")).contains(contact);
    assertThat(stores.contacts().findByPhone("+14155550199")).isEmpty();
  }

  @Test
  default void unknownAndMalformedIdsAreNotFound() {
    MongoStores stores = stores();
    assertThat(stores.tickets().find(new ObjectId().toHexString())).isEmpty();
    assertThat(stores.tickets().find("zzz")).isEmpty();
    assertThat(stores.tickets().compareAndSetOwner("zzz", null,
        new Owner(new ObjectId().toHexString(), "a@example.com", "A", T0))).isEmpty();
    assertThat(stores.tickets().messages(new ObjectId().toHexString())).isEmpty();
    assertThat(stores.outbox().readAfter(0, 5)).isEmpty();
  }
}
