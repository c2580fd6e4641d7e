package io.claimdesk.store.mongo;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.store.testing.TestDatabase;
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
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every MongoDB the store runs on must do. Extended once per server: the embedded one always, a real
 * MongoDB when one is available. Each test gets an empty database.
 */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  private TestDatabase db;
  private final List<EventRelay> relays = new ArrayList<>();

  /** A new, empty database on the server under test. */
  abstract TestDatabase openDatabase();

  @BeforeEach
  void open() {
    db = openDatabase();
  }

  @AfterEach
  void close() {
    relays.forEach(EventRelay::close);
    db.close();
  }

  MongoDatabase database() {
    return db.database();
  }

  Stores stores() {
    return MongoStores.open(database(), CLOCK);
  }

  /** The ticket store under test; the same instance for the same stores. */
  TicketStore tickets(Stores stores) {
    return stores.tickets();
  }

  ClaimService claims(Stores stores) {
    EventRelay relay = new EventRelay(tickets(stores), stores.assignments(), stores.outbox(), CLOCK,
        Duration.ofMinutes(5)).start();
    relays.add(relay);
    return new ClaimService(tickets(stores), stores.team(), relay, CLOCK);
  }

  /** Waits until the events of every change made so far are in the history and the outbox. */
  void settle() throws InterruptedException {
    for (EventRelay relay : relays) {
      assertThat(relay.awaitIdle(Duration.ofSeconds(10))).as("relay caught up").isTrue();
    }
  }

  static TicketEvent event(String type, String threadId) {
    return new TicketEvent(new ObjectId().toHexString(), type, threadId, "actor", "actor@example.com", null, null,
        null, null, "api", 1, T0);
  }

  TeamMember member(Stores stores, String name, Role role) {
    return stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null), null)
        .orElseThrow();
  }

  EmailThread ticket(Stores stores, String subject, Instant receivedAt) {
    return tickets(stores).insert(new NewThread("support@example.com", subject, "customer@example.org",
        "Customer", TicketStatus.OPEN, receivedAt));
  }

  @Test
  void compareAndSetShouldClaimAnUnassignedTicketOnce() {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Printer on fire", T0);
    Owner ana = new Owner(new ObjectId().toHexString(), "ana@example.com", "Ana", T0);
    Owner bo = new Owner(new ObjectId().toHexString(), "bo@example.com", "Bo", T0);

    assertThat(tickets(stores).compareAndSetOwner(ticket.id(), null, ana, event("claimed", ticket.id())))
        .hasValueSatisfying(t -> {
          assertThat(t.owner()).isEqualTo(ana);
          assertThat(t.version()).isEqualTo(ticket.version() + 1);
        });
    assertThat(tickets(stores).compareAndSetOwner(ticket.id(), null, bo, event("claimed", ticket.id()))).isEmpty();
    assertThat(tickets(stores).find(ticket.id()).orElseThrow().owner()).isEqualTo(ana);
    assertThat(tickets(stores).compareAndSetOwner(ticket.id(), ana.memberId(), null, event("unclaimed", ticket.id())))
        .hasValueSatisfying(t -> assertThat(t.owner()).isNull());
    // the losing attempt recorded nothing: the ticket holds two events for the relay
    assertThat(tickets(stores).recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::type)
        .containsExactly("claimed", "unclaimed");
  }

  @Test
  void legacyTicketWithoutAssignedToFieldCanBeClaimed() throws InterruptedException {
    Stores stores = stores();
    ObjectId id = new ObjectId();
    database().getCollection("email_threads").insertOne(new Document("_id", id)
        .append("mailbox", "support@example.com").append("subject", "Written before assignment existed")
        .append("customerEmail", "old@example.org").append("status", "open")
        .append("receivedAt", Date.from(T0)));
    TeamMember ana = member(stores, "Ana", Role.AGENT);

    assertThat(tickets(stores).unassigned(10)).extracting(EmailThread::id).containsExactly(id.toHexString());
    ClaimOutcome outcome = claims(stores).claim(id.toHexString(), ana, Via.API);

    assertThat(outcome).isInstanceOf(ClaimOutcome.Won.class);
    assertThat(tickets(stores).find(id.toHexString()).orElseThrow().owner().email()).isEqualTo("ana@example.com");
    settle();
    assertThat(stores.assignments().count(id.toHexString(), AssignmentAction.CLAIMED)).isEqualTo(1);
  }

  @Test
  void concurrentClaimsShouldHaveExactlyOneWinner() throws Exception {
    Stores stores = stores();
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
        settle();
        assertThat(stores.assignments().count(ticket.id(), AssignmentAction.CLAIMED)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void queuesShouldListOldestFirstAndLeaveOutResolvedTickets() {
    Stores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    EmailThread newer = ticket(stores, "newer", T0.plusSeconds(60));
    EmailThread older = ticket(stores, "older", T0);
    EmailThread resolved = ticket(stores, "resolved", T0.minusSeconds(60));
    tickets(stores).setStatus(resolved.id(), null, TicketStatus.RESOLVED, event("status_changed", resolved.id()));
    EmailThread mine = ticket(stores, "mine", T0.minusSeconds(30));
    claims(stores).claim(mine.id(), ana, Via.WEB);

    assertThat(tickets(stores).unassigned(10)).extracting(EmailThread::id).containsExactly(older.id(), newer.id());
    assertThat(tickets(stores).ownedBy(ana.id(), 10)).extracting(EmailThread::id).containsExactly(mine.id());
    assertThat(tickets(stores).ownedBy("not-an-id", 10)).isEmpty();
  }

  @Test
  void listShouldPageNewestFirstWithoutRepeatsOrGaps() {
    Stores stores = stores();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      // pairs share a timestamp so that the cursor must break ties by id
      created.add(ticket(stores, "t" + i, T0.plusSeconds(i / 2)).id());
    }
    List<EmailThread> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TicketPage page = tickets(stores).list(new TicketQuery(null, null, 10, cursor));
      seen.addAll(page.tickets());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).extracting(EmailThread::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).receivedAt()).isBeforeOrEqualTo(seen.get(i - 1).receivedAt());
    }
    assertThatThrownBy(() -> tickets(stores).list(new TicketQuery(null, null, 10, "garbage!")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsShouldShowTheLatestCountersAfterAMessageIsAppended() {
    Stores stores = stores();
    EmailThread t = ticket(stores, "counted", T0);
    Instant later = T0.plusSeconds(600);
    TicketStore.Appended appended = tickets(stores).append(t.id(), new ThreadMessage(null, t.id(),
        ThreadMessage.Direction.INBOUND, "<m1@example.org>", null, null, "c@example.org", "C",
        List.of("support@example.com"), null, later, "Hi", null, null, null), null);

    // the ticket as the append left it, equal to what a read finds
    assertThat(appended.thread().messageCount()).isEqualTo(1);
    assertThat(appended.thread().version()).isEqualTo(t.version() + 1);
    assertThat(appended.thread()).isEqualTo(tickets(stores).find(t.id()).orElseThrow());
    assertThat(appended.message().messageId()).isEqualTo("<m1@example.org>");
    assertThat(tickets(stores).message(t.id(), 1).orElseThrow().text()).isEqualTo("Hi");
    EmailThread listed = tickets(stores).unassigned(10).get(0);
    assertThat(listed.messageCount()).isEqualTo(1);
    assertThat(listed.lastMessageAt()).isEqualTo(later);
    assertThat(tickets(stores).list(new TicketQuery(TicketStatus.OPEN, null, 10, null)).tickets().get(0)
        .messageCount()).isEqualTo(1);
  }

  @Test
  void listByStatusShouldPageNewestFirstExactlyAsTheDatabaseAnswers() {
    Stores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    Set<String> open = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      EmailThread t = ticket(stores, "t" + i, T0.plusSeconds(i / 3)); // threes share a timestamp
      if (i % 3 == 0) {
        tickets(stores).setStatus(t.id(), null, TicketStatus.WAITING, event("status_changed", t.id()));
      } else {
        open.add(t.id());
        if (i % 3 == 1) {
          claims(stores).claim(t.id(), ana, Via.API); // owned or not, still open
        }
      }
    }
    List<String> viaStore = new ArrayList<>();
    List<String> viaDatabase = new ArrayList<>();
    String cursor = null;
    do {
      TicketPage page = tickets(stores).list(new TicketQuery(TicketStatus.OPEN, null, 7, cursor));
      page.tickets().forEach(t -> viaStore.add(t.id()));
      // the same cursor must continue on the plain database store: both write and read one cursor form
      TicketPage db = stores.tickets().list(new TicketQuery(TicketStatus.OPEN, null, 7, cursor));
      db.tickets().forEach(t -> viaDatabase.add(t.id()));
      assertThat(page.nextCursor()).isEqualTo(db.nextCursor());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(viaStore).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(open)
        .containsExactlyElementsOf(viaDatabase);
  }

  @Test
  void listShouldFilterByStatusAndAssignee() {
    Stores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    EmailThread waiting = ticket(stores, "waiting", T0);
    tickets(stores).setStatus(waiting.id(), null, TicketStatus.WAITING, event("status_changed", waiting.id()));
    EmailThread claimed = ticket(stores, "claimed", T0);
    claims(stores).claim(claimed.id(), ana, Via.API);
    EmailThread free = ticket(stores, "free", T0);

    assertThat(tickets(stores).list(new TicketQuery(TicketStatus.WAITING, null, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(waiting.id());
    assertThat(tickets(stores).list(new TicketQuery(null, ana.id(), 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(claimed.id());
    assertThat(tickets(stores).list(new TicketQuery(TicketStatus.OPEN, TicketQuery.UNASSIGNED, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(free.id());
  }

  @Test
  void messagesShouldBeKeptInOrderAndCounted() {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Chatty", T0);
    for (int i = 0; i < 12; i++) {
      tickets(stores).appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
          "<m" + i + "@example.org>", null, List.of(), "customer@example.org", "Customer", List.of("support@example.com"),
          List.of(), T0.plusSeconds(i), "message " + i, null, List.of(), null), null);
    }

    List<ThreadMessage> messages = tickets(stores).messages(ticket.id());
    assertThat(messages).extracting(ThreadMessage::text).containsExactly(
        "message 0", "message 1", "message 2", "message 3", "message 4", "message 5",
        "message 6", "message 7", "message 8", "message 9", "message 10", "message 11");
    EmailThread updated = tickets(stores).find(ticket.id()).orElseThrow();
    assertThat(updated.messageCount()).isEqualTo(12);
    assertThat(updated.lastMessageAt()).isEqualTo(T0.plusSeconds(11));
  }

  @Test
  void aTicketOpenedWithItsFirstMessageShouldLookAsIfAppendedAndBeOpenedOnce() {
    Stores stores = stores();
    String id = new ObjectId().toHexString();
    NewThread opening = new NewThread("support@example.com", "First words", "customer@example.org", "Customer",
        TicketStatus.OPEN, T0);
    TicketEvent created = event(OutboxEvent.TICKET_CREATED, id);

    TicketStore.Appended opened = tickets(stores).insertWithFirstMessage(id, opening, inbound(id, "<one@example.org>",
        T0.plusSeconds(5), "hello"), created).orElseThrow();
    Optional<TicketStore.Appended> again = tickets(stores).insertWithFirstMessage(id, opening,
        inbound(id, "<two@example.org>", T0.plusSeconds(9), "hello again"), null);

    assertThat(again).isEmpty();
    EmailThread ticket = tickets(stores).find(id).orElseThrow();
    assertThat(ticket).isEqualTo(opened.thread());
    assertThat(ticket.messageCount()).isEqualTo(1);
    assertThat(ticket.version()).isEqualTo(2);
    assertThat(ticket.lastMessageAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(tickets(stores).messages(id)).containsExactly(opened.message());
    assertThat(opened.message().text()).isEqualTo("hello");
    assertThat(tickets(stores).recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(created.id());
    assertThat(tickets(stores).unassigned(10)).extracting(EmailThread::id).containsExactly(id);
    // the next message is appended after it
    tickets(stores).appendMessage(id, inbound(id, "<two@example.org>", T0.plusSeconds(9), "hello again"), null);
    assertThat(tickets(stores).messages(id)).extracting(ThreadMessage::text).containsExactly("hello", "hello again");
  }

  @Test
  void aFirstMessageWhoseTicketACrashLostShouldBeCountedOnceWhenAppendedAgain() {
    Stores stores = stores();
    String id = new ObjectId().toHexString();
    tickets(stores).insertWithFirstMessage(id, new NewThread("support@example.com", "Cut off", "customer@example.org",
        "Customer", TicketStatus.OPEN, T0), inbound(id, "<cut@example.org>", T0, "only once"), null).orElseThrow();
    database().getCollection("email_threads").deleteOne(new Document("_id", new ObjectId(id))); // the lost write

    EmailThread recreated = tickets(stores).insertIfAbsent(id, new NewThread("support@example.com", "Cut off",
        "customer@example.org", "Customer", TicketStatus.OPEN, T0));
    tickets(stores).appendMessage(id, inbound(id, "<cut@example.org>", T0, "only once"), null);

    assertThat(recreated.messageCount()).isZero();
    assertThat(tickets(stores).find(id).orElseThrow().messageCount()).isEqualTo(1);
    assertThat(tickets(stores).messages(id)).extracting(ThreadMessage::text).containsExactly("only once");
    // a different message where one is expected is never an overwrite: it goes after it, and both are counted
    database().getCollection("email_threads").updateOne(new Document("_id", new ObjectId(id)),
        new Document("$set", new Document("messageCount", 0)));
    tickets(stores).appendMessage(id, inbound(id, "<other@example.org>", T0, "other"), null);
    assertThat(tickets(stores).messages(id)).extracting(ThreadMessage::text).containsExactly("only once", "other");
    assertThat(tickets(stores).find(id).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(2);
  }

  @Test
  void aMessageWhoseCountACrashLostShouldBeCountedOnceWithItsEventWhenAppendedAgain() {
    Stores stores = stores();
    String id = tickets(stores).insert(opening("Counted once")).id();
    tickets(stores).appendMessage(id, inbound(id, "<first@example.org>", T0, "first"), null);
    TicketEvent added = event(OutboxEvent.MESSAGE_ADDED, id);
    tickets(stores).appendMessage(id, inbound(id, "<second@example.org>", T0.plusSeconds(1), "second"), added);
    // the crash came after the message was written and before its ticket counted it (set up past any index the
    // store under test keeps)
    database().getCollection("email_threads").updateOne(new Document("_id", new ObjectId(id)),
        new Document("$set", new Document("messageCount", 1).append("recentEvents", List.of())));

    TicketEvent again = event(OutboxEvent.MESSAGE_ADDED, id);
    TicketStore.Appended appended = tickets(stores).append(id, inbound(id, "<second@example.org>",
        T0.plusSeconds(1), "second"), again);

    assertThat(appended.message().text()).isEqualTo("second");
    assertThat(appended.thread().messageCount()).isEqualTo(2);
    assertThat(tickets(stores).find(id).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(tickets(stores).messages(id)).extracting(ThreadMessage::text).containsExactly("first", "second");
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(2);
    assertThat(tickets(stores).recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(again.id());
  }

  @Test
  void ticketsOpenedWithTheirFirstMessageShouldBeOpenedOnceWhateverAnEarlierAttemptLeft() {
    Stores stores = stores();
    String existing = new ObjectId().toHexString();
    String cutOff = new ObjectId().toHexString();
    String[] fresh = {new ObjectId().toHexString(), new ObjectId().toHexString()};
    TicketStore.Appended before = tickets(stores).insertWithFirstMessage(existing, opening("Opened before"),
        inbound(existing, "<before@example.org>", T0, "before"), null).orElseThrow();
    // an attempt cut off between its two writes left the first message of a ticket that does not exist (set up
    // past any index the store under test keeps)
    stores.tickets().insertWithFirstMessage(cutOff, opening("Cut off"), inbound(cutOff, "<cut@example.org>", T0,
        "cut off"), null);
    database().getCollection("email_threads").deleteOne(new Document("_id", new ObjectId(cutOff)));
    // and one cut off after opening its ticket, before the message
    String empty = tickets(stores).insertIfAbsent(new ObjectId().toHexString(), opening("No message yet")).id();
    TicketEvent created = event(OutboxEvent.TICKET_CREATED, fresh[1]);

    List<Optional<TicketStore.Appended>> opened = List.of(
        tickets(stores).insertWithFirstMessage(fresh[0], opening("First"), inbound(fresh[0], "<a@example.org>",
            T0.plusSeconds(1), "a"), null),
        tickets(stores).insertWithFirstMessage(existing, opening("Again"), inbound(existing, "<again@example.org>",
            T0, "again"), null),
        tickets(stores).insertWithFirstMessage(cutOff, opening("Cut off"), inbound(cutOff, "<cut@example.org>", T0,
            "cut off"), null),
        tickets(stores).insertWithFirstMessage(empty, opening("No message yet"), inbound(empty, "<late@example.org>",
            T0, "late"), null),
        tickets(stores).insertWithFirstMessage(fresh[1], opening("Second"), inbound(fresh[1], "<b@example.org>",
            T0.plusSeconds(2), "b"), created));

    assertThat(opened).extracting(Optional::isPresent).containsExactly(true, false, false, false, true);
    for (int i = 0; i < fresh.length; i++) {
      EmailThread ticket = tickets(stores).find(fresh[i]).orElseThrow();
      assertThat(ticket).isEqualTo(opened.get(i == 0 ? 0 : 4).orElseThrow().thread());
      assertThat(ticket.messageCount()).isEqualTo(1);
      assertThat(ticket.version()).isEqualTo(2);
      assertThat(ticket.lastMessageAt()).isEqualTo(T0.plusSeconds(i + 1));
      assertThat(tickets(stores).messages(fresh[i])).extracting(ThreadMessage::text)
          .containsExactly(i == 0 ? "a" : "b");
    }
    assertThat(tickets(stores).find(existing).orElseThrow()).isEqualTo(before.thread());
    assertThat(tickets(stores).messages(existing)).extracting(ThreadMessage::text).containsExactly("before");
    assertThat(tickets(stores).find(cutOff)).as("left to the caller, as one opened alone").isEmpty();
    assertThat(tickets(stores).find(empty).orElseThrow().messageCount()).as("left to the caller too").isZero();
    assertThat(tickets(stores).recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(created.id());
    assertThat(tickets(stores).unassigned(10)).extracting(EmailThread::id)
        .containsExactlyInAnyOrder(existing, empty, fresh[0], fresh[1]);
    assertThat(List.of(fresh[0], fresh[1], existing, empty))
        .extracting(id -> tickets(stores).find(id).orElseThrow().tag())
        .doesNotHaveDuplicates().allSatisfy(tag -> assertThat(tickets(stores).findByTag(tag)).isPresent());
    assertThat(database().getCollection("email_threads").countDocuments()).isEqualTo(4);
    // the late message is there, uncounted, as insertWithFirstMessage would leave it: append counts it
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(5);
    tickets(stores).appendMessage(empty, inbound(empty, "<late@example.org>", T0, "late"), null);
    assertThat(tickets(stores).messages(empty)).extracting(ThreadMessage::text).containsExactly("late");
  }

  private static NewThread opening(String subject) {
    return new NewThread("support@example.com", subject, "customer@example.org", "Customer", TicketStatus.OPEN, T0);
  }

  private static ThreadMessage inbound(String threadId, String messageId, Instant at, String text) {
    return new ThreadMessage(null, threadId, ThreadMessage.Direction.INBOUND, messageId, null, List.of(),
        "customer@example.org", "Customer", List.of("support@example.com"), List.of(), at, text, null, List.of(),
        null);
  }

  @Test
  void outboxShouldNumberEventsDenselyReadThemBackInOrderAndStoreEachOnce() {
    Stores stores = stores();
    assertThat(stores.outbox().head()).isZero();
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(event(OutboxEvent.CLAIMED, "t" + i));
    }
    stores.outbox().appendAll(events.subList(0, 20));
    stores.outbox().appendAll(events.subList(15, 30)); // 15..19 again, as after a crash before the clear

    assertThat(stores.outbox().head()).isEqualTo(35);
    List<OutboxEvent> all = stores.outbox().readAfter(0, 35);
    assertThat(all).extracting(OutboxEvent::eventId)
        .containsExactlyElementsOf(events.stream().map(TicketEvent::id).toList());
    assertThat(stores.outbox().readAfter(0, 3)).extracting(OutboxEvent::threadId).containsExactly("t0", "t1", "t2");
    assertThat(stores.outbox().readAfter(20, 5)).isEmpty(); // the duplicates' numbers stay empty
  }

  @Test
  void concurrentAppendsShouldTakeUniqueDenseNumbers() throws Exception {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Busy", T0);
    int threads = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Void>> results = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            stores.outbox().appendAll(List.of(event(OutboxEvent.MESSAGE_ADDED, ticket.id())));
            tickets(stores).appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
                ThreadMessage.Direction.INBOUND, null, null, List.of(), "c@example.org", null, List.of(), List.of(),
                T0, "concurrent", null, List.of(), null), null);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
      List<OutboxEvent> appended = stores.outbox().readAfter(0, threads * each);
      assertThat(appended).extracting(OutboxEvent::seq).doesNotHaveDuplicates().hasSize(threads * each);
      assertThat(appended).extracting(OutboxEvent::eventId).doesNotHaveDuplicates();
      assertThat(stores.outbox().head()).isEqualTo(threads * each);
      assertThat(tickets(stores).messages(ticket.id())).hasSize(threads * each);
      assertThat(tickets(stores).find(ticket.id()).orElseThrow().messageCount()).isEqualTo(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eventsACrashLeftUnrelayedShouldBeRelayedOnStartAndStoredOnce() throws Exception {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Crashed mid-claim", T0);
    Owner ana = new Owner(new ObjectId().toHexString(), "ana@example.com", "Ana", T0);
    // the claim landed with its event, then the process died before relaying it
    tickets(stores).compareAndSetOwner(ticket.id(), null, ana, new TicketEvent(new ObjectId().toHexString(),
        OutboxEvent.CLAIMED, ticket.id(), ana.memberId(), ana.email(), null, null, ana.memberId(), ana.email(),
        "slack", 0, T0));

    Clock later = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    for (int restart = 0; restart < 2; restart++) {
      new EventRelay(tickets(stores), stores.assignments(), stores.outbox(), later, Duration.ofMinutes(5))
          .start().close();
    }

    assertThat(stores.assignments().history(ticket.id())).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AssignmentAction.CLAIMED);
      assertThat(e.via()).isEqualTo(Via.SLACK);
    });
    assertThat(stores.outbox().readAfter(0, 10)).singleElement()
        .satisfies(e -> assertThat(e.threadId()).isEqualTo(ticket.id()));
    assertThat(stores.outbox().sweptUntil()).contains(later.instant());
  }

  @Test
  void ticketsShouldKeepOnlyTheirLatestEvents() {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Busy", T0);
    for (int i = 0; i < TicketStore.RECENT_EVENTS + 5; i++) {
      tickets(stores).setStatus(ticket.id(), null, i % 2 == 0 ? TicketStatus.WAITING : TicketStatus.OPEN,
          event("status_changed", ticket.id()));
    }
    assertThat(tickets(stores).recentEvents(T0, T0.plusSeconds(1))).hasSize(TicketStore.RECENT_EVENTS);
  }

  @Test
  void teamShouldKeepEmailsUniqueAndFindMembersByTokenHash() {
    Stores stores = stores();
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
  void contactsShouldBeFoundByPhoneAndEmail() {
    Stores stores = stores();
    Contact contact = stores.contacts().insert(
        new Contact(null, "Carla", List.of("Carla@Example.org"), List.of("+14155550100"), null));

    assertThat(stores.contacts().findByPhone("+14155550100")).contains(contact);
    assertThat(stores.contacts().findByEmail("carla@example.org")).contains(contact);
    assertThat(stores.contacts().findByPhone("+14155550199")).isEmpty();
  }

  @Test
  void sendersShouldBecomeOneContactPerAddressNamedByTheFirstNameGiven() {
    Stores stores = stores();
    Contact known = stores.contacts().insert(new Contact(null, null, List.of("ana@example.org"), List.of(), null));
    Contact named = stores.contacts().insert(new Contact(null, "Bo", List.of("bo@example.org"), List.of(), null));

    Contact carla = stores.contacts().recordSender("Carla@Example.org", "");
    Contact ana = stores.contacts().recordSender("ana@example.org", "Ana");
    Contact carlaNamed = stores.contacts().recordSender("carla@example.org ", "Carla Diaz");
    Contact bo = stores.contacts().recordSender("bo@example.org", "Bob");
    Contact carlaAgain = stores.contacts().recordSender("carla@example.org", "Someone Else");
    List<Contact> recorded = List.of(carlaAgain, ana, bo);

    assertThat(carla.id()).isEqualTo(carlaNamed.id()).isEqualTo(carlaAgain.id());
    assertThat(carlaNamed).isEqualTo(carlaAgain);
    assertThat(recorded).extracting(Contact::emails).containsExactly(List.of("carla@example.org"),
        List.of("ana@example.org"), List.of("bo@example.org"));
    assertThat(recorded).extracting(Contact::name).containsExactly("Carla Diaz", "Ana", "Bo");
    assertThat(recorded.get(1).id()).isEqualTo(known.id());
    assertThat(recorded.get(2)).isEqualTo(named);
    assertThat(stores.contacts().count()).isEqualTo(3);
    assertThat(stores.contacts().findByEmail("CARLA@example.org")).contains(recorded.get(0));
    assertThat(stores.contacts().findByEmail("ana@example.org").orElseThrow().name()).isEqualTo("Ana");
    // again: nothing new, nothing renamed
    assertThat(stores.contacts().recordSender("carla@example.org", "Carla D.")).isEqualTo(recorded.get(0));
    assertThat(stores.contacts().count()).isEqualTo(3);
  }

  @Test
  void aSendersKeyWhoseContactACrashLostShouldGetItsContactBack() {
    Stores stores = stores();
    database().getCollection("contact_emails").insertOne(new Document("_id", "dana@example.org")
        .append("contactId", new ObjectId()));

    Contact dana = stores.contacts().recordSender("dana@example.org", "Dana");

    assertThat(stores.contacts().findByEmail("dana@example.org")).contains(dana);
    assertThat(dana.name()).isEqualTo("Dana");
    assertThat(stores.contacts().count()).isEqualTo(1);
  }

  @Test
  void aMessageIdShouldBeReservedOnceAndAFurtherReservationShouldReturnTheFirst() {
    Stores stores = stores();
    String first = new ObjectId().toHexString();

    MessageIndex.Entry made = stores.messageIds().reserve("<once@example.org>", first);
    MessageIndex.Entry again = stores.messageIds().reserve("<once@example.org>", new ObjectId().toHexString());
    stores.messageIds().markStored("<once@example.org>");
    MessageIndex.Entry afterStored = stores.messageIds().reserve("<once@example.org>", new ObjectId().toHexString());

    assertThat(made).isEqualTo(new MessageIndex.Entry("<once@example.org>", first, false));
    assertThat(again).as("the first reservation's thread").isEqualTo(made);
    assertThat(afterStored).isEqualTo(new MessageIndex.Entry("<once@example.org>", first, true));
    assertThat(database().getCollection("message_ids").countDocuments()).isEqualTo(1);
  }

  @Test
  void messageIdsReservedInARowShouldEachGetTheEntryAsItNowStands() {
    Stores stores = stores();
    String first = new ObjectId().toHexString();
    stores.messageIds().reserve("<taken@example.org>", first);
    stores.messageIds().markStored("<taken@example.org>");
    Map<String, String> threads = new LinkedHashMap<>();
    threads.put("<one@example.org>", new ObjectId().toHexString());
    threads.put("<taken@example.org>", new ObjectId().toHexString());
    threads.put("<two@example.org>", new ObjectId().toHexString());

    Map<String, MessageIndex.Entry> reserved = new LinkedHashMap<>();
    threads.forEach((messageId, threadId) -> reserved.put(messageId, stores.messageIds().reserve(messageId, threadId)));

    assertThat(reserved).containsOnly(
        Map.entry("<one@example.org>", new MessageIndex.Entry("<one@example.org>", threads.get("<one@example.org>"),
            false)),
        Map.entry("<taken@example.org>", new MessageIndex.Entry("<taken@example.org>", first, true)),
        Map.entry("<two@example.org>", new MessageIndex.Entry("<two@example.org>", threads.get("<two@example.org>"),
            false)));
    assertThat(stores.messageIds().find("<two@example.org>")).contains(reserved.get("<two@example.org>"));
    assertThat(database().getCollection("message_ids").countDocuments()).isEqualTo(3);
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    Stores stores = stores();
    assertThat(tickets(stores).find(new ObjectId().toHexString())).isEmpty();
    assertThat(tickets(stores).find("zzz")).isEmpty();
    assertThat(tickets(stores).compareAndSetOwner("zzz", null,
        new Owner(new ObjectId().toHexString(), "a@example.com", "A", T0), event("claimed", "zzz"))).isEmpty();
    assertThat(tickets(stores).messages(new ObjectId().toHexString())).isEmpty();
    assertThat(stores.outbox().readAfter(0, 5)).isEmpty();
    assertThat(tickets(stores).setStatus("zzz", null, TicketStatus.OPEN, event("status_changed", "zzz"))).isEmpty();
  }
}
