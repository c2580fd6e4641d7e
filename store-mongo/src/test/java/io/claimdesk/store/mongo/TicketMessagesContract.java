package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TicketStore} must do about the messages of a ticket: appending them, and
 * opening a ticket with its first message, alone or together with others, also after a crash between the writes.
 */
interface TicketMessagesContract extends StoreFixture {
  @Test
  default void messagesShouldBeKeptInOrderAndCounted() {
    EmailThread ticket = ticket("Chatty", T0);
    for (int i = 0; i < 12; i++) {
      tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
          "<m" + i + "@example.org>", null, List.of(), "customer@example.org", "Customer", List.of("support@example.com"),
          List.of(), T0.plusSeconds(i), "message " + i, null, List.of(), null), null);
    }

    List<ThreadMessage> messages = tickets().messages(ticket.id());
    assertThat(messages).extracting(ThreadMessage::text).containsExactly(
        "message 0", "message 1", "message 2", "message 3", "message 4", "message 5",
        "message 6", "message 7", "message 8", "message 9", "message 10", "message 11");
    EmailThread updated = tickets().find(ticket.id()).orElseThrow();
    assertThat(updated.messageCount()).isEqualTo(12);
    assertThat(updated.lastMessageAt()).isEqualTo(T0.plusSeconds(11));
  }

  @Test
  default void aTicketOpenedWithItsFirstMessageShouldLookAsIfAppendedAndBeOpenedOnce() {
    String id = new ObjectId().toHexString();
    NewThread opening = new NewThread("support@example.com", "First words", "customer@example.org", "Customer",
        TicketStatus.OPEN, T0);
    TicketEvent created = event(OutboxEvent.TICKET_CREATED, id);

    TicketStore.Appended opened = tickets().insertWithFirstMessage(id, opening, inbound(id, "<one@example.org>",
        T0.plusSeconds(5), "hello"), created).orElseThrow();
    Optional<TicketStore.Appended> again = tickets().insertWithFirstMessage(id, opening,
        inbound(id, "<two@example.org>", T0.plusSeconds(9), "hello again"), null);

    assertThat(again).isEmpty();
    EmailThread ticket = tickets().find(id).orElseThrow();
    assertThat(ticket).isEqualTo(opened.thread());
    assertThat(ticket.messageCount()).isEqualTo(1);
    assertThat(ticket.version()).isEqualTo(2);
    assertThat(ticket.lastMessageAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(tickets().messages(id)).containsExactly(opened.message());
    assertThat(opened.message().text()).isEqualTo("hello");
    assertThat(tickets().recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(created.id());
    assertThat(tickets().unassigned(10)).extracting(EmailThread::id).containsExactly(id);
    // the next message is appended after it
    tickets().appendMessage(id, inbound(id, "<two@example.org>", T0.plusSeconds(9), "hello again"), null);
    assertThat(tickets().messages(id)).extracting(ThreadMessage::text).containsExactly("hello", "hello again");
  }

  @Test
  default void aFirstMessageWhoseTicketACrashLostShouldBeCountedOnceWhenAppendedAgain() {
    String id = new ObjectId().toHexString();
    tickets().insertWithFirstMessage(id, new NewThread("support@example.com", "Cut off", "customer@example.org",
        "Customer", TicketStatus.OPEN, T0), inbound(id, "<cut@example.org>", T0, "only once"), null).orElseThrow();
    database().getCollection("email_threads").deleteOne(new Document("_id", new ObjectId(id))); // the lost write

    EmailThread recreated = tickets().insertIfAbsent(id, new NewThread("support@example.com", "Cut off",
        "customer@example.org", "Customer", TicketStatus.OPEN, T0));
    tickets().appendMessage(id, inbound(id, "<cut@example.org>", T0, "only once"), null);

    assertThat(recreated.messageCount()).isZero();
    assertThat(tickets().find(id).orElseThrow().messageCount()).isEqualTo(1);
    assertThat(tickets().messages(id)).extracting(ThreadMessage::text).containsExactly("only once");
    // a different message where one is expected is never an overwrite: it goes after it, and both are counted
    database().getCollection("email_threads").updateOne(new Document("_id", new ObjectId(id)),
        new Document("$set", new Document("messageCount", 0)));
    tickets().appendMessage(id, inbound(id, "<other@example.org>", T0, "other"), null);
    assertThat(tickets().messages(id)).extracting(ThreadMessage::text).containsExactly("only once", "other");
    assertThat(tickets().find(id).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(2);
  }

  @Test
  default void aMessageWhoseCountACrashLostShouldBeCountedOnceWithItsEventWhenAppendedAgain() {
    String id = tickets().insert(opening("Counted once")).id();
    tickets().appendMessage(id, inbound(id, "<first@example.org>", T0, "first"), null);
    tickets().appendMessage(id, inbound(id, "<second@example.org>", T0.plusSeconds(1), "second"),
        event(OutboxEvent.MESSAGE_ADDED, id));
    // the crash came after the message was written and before its ticket counted it (set up past any index the
    // store under test keeps)
    database().getCollection("email_threads").updateOne(new Document("_id", new ObjectId(id)),
        new Document("$set", new Document("messageCount", 1).append("recentEvents", List.of())));

    TicketEvent again = event(OutboxEvent.MESSAGE_ADDED, id);
    TicketStore.Appended appended = tickets().append(id, inbound(id, "<second@example.org>", T0.plusSeconds(1),
        "second"), again);

    assertThat(appended.message().text()).isEqualTo("second");
    assertThat(appended.thread().messageCount()).isEqualTo(2);
    assertThat(tickets().find(id).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(tickets().messages(id)).extracting(ThreadMessage::text).containsExactly("first", "second");
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(2);
    assertThat(tickets().recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(again.id());
  }

  @Test
  default void ticketsOpenedWithTheirFirstMessageShouldBeOpenedOnceWhateverAnEarlierAttemptLeft() {
    Stores stores = stores();
    String existing = new ObjectId().toHexString();
    String cutOff = new ObjectId().toHexString();
    String[] fresh = {new ObjectId().toHexString(), new ObjectId().toHexString()};
    TicketStore.Appended before = tickets().insertWithFirstMessage(existing, opening("Opened before"),
        inbound(existing, "<before@example.org>", T0, "before"), null).orElseThrow();
    // an attempt cut off between its two writes left the first message of a ticket that does not exist (set up
    // past any index the store under test keeps)
    stores.tickets().insertWithFirstMessage(cutOff, opening("Cut off"), inbound(cutOff, "<cut@example.org>", T0,
        "cut off"), null);
    database().getCollection("email_threads").deleteOne(new Document("_id", new ObjectId(cutOff)));
    // and one cut off after opening its ticket, before the message
    String empty = tickets().insertIfAbsent(new ObjectId().toHexString(), opening("No message yet")).id();
    TicketEvent created = event(OutboxEvent.TICKET_CREATED, fresh[1]);

    List<Optional<TicketStore.Appended>> opened = List.of(
        tickets().insertWithFirstMessage(fresh[0], opening("First"), inbound(fresh[0], "<a@example.org>",
            T0.plusSeconds(1), "a"), null),
        tickets().insertWithFirstMessage(existing, opening("Again"), inbound(existing, "<again@example.org>", T0,
            "again"), null),
        tickets().insertWithFirstMessage(cutOff, opening("Cut off"), inbound(cutOff, "<cut@example.org>", T0,
            "cut off"), null),
        tickets().insertWithFirstMessage(empty, opening("No message yet"), inbound(empty, "<late@example.org>", T0,
            "late"), null),
        tickets().insertWithFirstMessage(fresh[1], opening("Second"), inbound(fresh[1], "<b@example.org>",
            T0.plusSeconds(2), "b"), created));

    assertThat(opened).extracting(Optional::isPresent).containsExactly(true, false, false, false, true);
    for (int i = 0; i < fresh.length; i++) {
      EmailThread ticket = tickets().find(fresh[i]).orElseThrow();
      assertThat(ticket).isEqualTo(opened.get(i == 0 ? 0 : 4).orElseThrow().thread());
      assertThat(ticket.messageCount()).isEqualTo(1);
      assertThat(ticket.version()).isEqualTo(2);
      assertThat(ticket.lastMessageAt()).isEqualTo(T0.plusSeconds(i + 1));
      assertThat(tickets().messages(fresh[i])).extracting(ThreadMessage::text)
          .containsExactly(i == 0 ? "a" : "b");
    }
    assertThat(tickets().find(existing).orElseThrow()).isEqualTo(before.thread());
    assertThat(tickets().messages(existing)).extracting(ThreadMessage::text).containsExactly("before");
    assertThat(tickets().find(cutOff)).as("left to the caller, as one opened alone").isEmpty();
    assertThat(tickets().find(empty).orElseThrow().messageCount()).as("left to the caller too").isZero();
    assertThat(tickets().recentEvents(T0, T0.plusSeconds(1))).extracting(TicketEvent::id)
        .containsExactly(created.id());
    assertThat(tickets().unassigned(10)).extracting(EmailThread::id)
        .containsExactlyInAnyOrder(existing, empty, fresh[0], fresh[1]);
    assertThat(List.of(fresh[0], fresh[1], existing, empty))
        .extracting(id -> tickets().find(id).orElseThrow().tag())
        .doesNotHaveDuplicates().allSatisfy(tag -> assertThat(tickets().findByTag(tag)).isPresent());
    assertThat(database().getCollection("email_threads").countDocuments()).isEqualTo(4);
    // the late message is there, uncounted, as insertWithFirstMessage would leave it: append counts it
    assertThat(database().getCollection("thread_messages").countDocuments()).isEqualTo(5);
    tickets().appendMessage(empty, inbound(empty, "<late@example.org>", T0, "late"), null);
    assertThat(tickets().messages(empty)).extracting(ThreadMessage::text).containsExactly("late");
  }
}
