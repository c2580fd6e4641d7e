package io.claimdesk.mail.ingest;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Storing parsed mail on the right thread, once, on the embedded database. */
class MailIngestServiceTest {
  private static final String MAILBOX = "support@example.com";
  private final TestDatabase db = TestDatabase.embedded();
  private final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  private final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(),
      Clock.systemUTC(), Duration.ZERO).start();
  private final MailIngestService ingest = new MailIngestService(stores.tickets(), stores.messageIds(),
      stores.contacts(), relay, Clock.systemUTC());
  private final MimeParser parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());

  @AfterEach
  void close() {
    relay.close();
    db.close();
  }

  private InboundMail mail(String headers, String body) {
    String raw = (headers.strip() + "\n\n" + body).replace("\n", "\r\n");
    ParseResult result = parser.parse(raw.getBytes(StandardCharsets.UTF_8), stores.attachments());
    return ((ParseResult.Parsed) result).mail();
  }

  private MailIngestService.Outcome deliver(String headers, String body) {
    return ingest.ingest(mail(headers, body), MAILBOX);
  }

  private EmailThread thread(String id) {
    return stores.tickets().find(id).orElseThrow();
  }

  private List<String> eventTypes() throws InterruptedException {
    assertThat(relay.awaitIdle(Duration.ofSeconds(10))).isTrue();
    return stores.outbox().readAfter(0, 100).stream().map(OutboxEvent::type).toList();
  }

  private static final String FIRST = """
      From: Carla Diaz <carla@example.org>
      To: support@example.com
      Subject: Printer on fire
      Message-ID: <first@example.org>
      """;

  @Test
  void newMailShouldOpenATicketRecordTheSenderAndAnnounceIt() throws Exception {
    MailIngestService.Outcome outcome = deliver(FIRST, "It is really on fire.");

    assertThat(outcome.created()).isTrue();
    assertThat(outcome.messageId()).isEqualTo("<first@example.org>");
    EmailThread ticket = thread(outcome.threadId());
    assertThat(ticket.subject()).isEqualTo("Printer on fire");
    assertThat(ticket.customerEmail()).isEqualTo("carla@example.org");
    assertThat(ticket.customerName()).isEqualTo("Carla Diaz");
    assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(ticket.owner()).isNull();
    assertThat(ticket.tag()).matches("[A-HJ-NP-Z2-9]{8}");
    assertThat(stores.tickets().messages(ticket.id())).singleElement()
        .satisfies(m -> assertThat(m.text()).isEqualTo("It is really on fire."));
    assertThat(stores.contacts().findByEmail("carla@example.org"))
        .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Carla Diaz"));
    assertThat(eventTypes()).containsExactly(OutboxEvent.TICKET_CREATED);
  }

  @Test
  void theSameMailTwiceShouldBeStoredOnce() throws Exception {
    MailIngestService.Outcome first = deliver(FIRST, "once");
    MailIngestService.Outcome again = deliver(FIRST, "once");

    assertThat(again.created()).isFalse();
    assertThat(again.threadId()).isEqualTo(first.threadId());
    assertThat(thread(first.threadId()).messageCount()).isEqualTo(1);
    assertThat(stores.tickets().count()).isEqualTo(1);
    assertThat(eventTypes()).containsExactly(OutboxEvent.TICKET_CREATED);
  }

  @Test
  void aReplyShouldJoinItsThreadByInReplyToOrReferences() throws Exception {
    String threadId = deliver(FIRST, "first").threadId();
    MailIngestService.Outcome reply = deliver("""
        From: carla@example.org
        Subject: something else entirely
        Message-ID: <second@example.org>
        In-Reply-To: <first@example.org>
        """, "more details");
    MailIngestService.Outcome viaReferences = deliver("""
        From: colleague@example.org
        Subject: Re: Printer on fire
        Message-ID: <third@example.org>
        References: <unknown@example.net> <first@example.org>
        """, "me too");

    assertThat(reply.threadId()).isEqualTo(threadId);
    assertThat(viaReferences.threadId()).isEqualTo(threadId);
    assertThat(thread(threadId).messageCount()).isEqualTo(3);
    assertThat(eventTypes()).containsExactly(OutboxEvent.TICKET_CREATED, OutboxEvent.MESSAGE_ADDED,
        OutboxEvent.MESSAGE_ADDED);
  }

  @Test
  void anAnswerToOurOwnReplyShouldThreadBack() {
    String threadId = deliver(FIRST, "first").threadId();
    stores.messageIds().reserve("<reply-1@claimdesk.example.com>", threadId);
    stores.messageIds().markStored("<reply-1@claimdesk.example.com>");

    MailIngestService.Outcome answer = deliver("""
        From: carla@example.org
        Subject: Re: Printer on fire
        Message-ID: <answer@example.org>
        In-Reply-To: <reply-1@claimdesk.example.com>
        """, "thanks");

    assertThat(answer.threadId()).isEqualTo(threadId);
  }

  @Test
  void mailWeSentOurselvesShouldNeverComeBackAsCustomerMail() {
    String threadId = deliver(FIRST, "first").threadId();
    // the reply service records each Message-ID it sends, as here
    stores.messageIds().reserve("<sent-by-us@example.com>", threadId);
    stores.messageIds().markStored("<sent-by-us@example.com>");

    MailIngestService.Outcome echo = deliver("""
        From: "Ana via Support" <support@example.com>
        To: carla@example.org
        Subject: Re: Printer on fire
        Message-ID: <sent-by-us@example.com>
        """, "our own reply, found again in the mailbox (a BCC, or a Sent folder read by mistake)");

    assertThat(echo.created()).isFalse();
    assertThat(thread(threadId).messageCount()).isEqualTo(1);
    assertThat(stores.tickets().count()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Re: ", "RE: ", "Fwd: ", "AW: ", "WG: ", "SV: ", "Antw: ", "Re: Fwd: AW: "})
  void theTicketTagShouldThreadMailFromTheCustomerWhateverThePrefix(String prefix) {
    EmailThread ticket = thread(deliver(FIRST, "first").threadId());

    MailIngestService.Outcome tagged = deliver("""
        From: Carla <CARLA@example.org>
        Subject: %sPrinter on fire [#%s]
        Message-ID: <tagged@example.org>
        """.formatted(prefix, ticket.tag()), "only the subject tag links this one");

    assertThat(tagged.threadId()).isEqualTo(ticket.id());
  }

  @Test
  void theTicketTagFromAStrangerShouldOpenANewThread() {
    EmailThread ticket = thread(deliver(FIRST, "first").threadId());

    MailIngestService.Outcome stranger = deliver("""
        From: mallory@example.net
        Subject: Re: Printer on fire [#%s]
        Message-ID: <guess@example.net>
        """.formatted(ticket.tag()), "I guessed the tag");

    assertThat(stranger.threadId()).isNotEqualTo(ticket.id());
    assertThat(thread(ticket.id()).messageCount()).isEqualTo(1);
  }

  @Test
  void aCustomerReplyShouldReopenAResolvedTicketButAnAutoReplyShouldNot() throws Exception {
    EmailThread ticket = thread(deliver(FIRST, "first").threadId());
    stores.tickets().setStatus(ticket.id(), null, TicketStatus.RESOLVED, null);

    deliver("""
        From: carla@example.org
        Subject: Auto: Printer on fire
        Message-ID: <ooo@example.org>
        In-Reply-To: <first@example.org>
        Auto-Submitted: auto-replied
        """, "I am out of office");
    assertThat(thread(ticket.id()).status()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(stores.tickets().messages(ticket.id())).extracting(ThreadMessage::direction)
        .containsExactly(ThreadMessage.Direction.INBOUND, ThreadMessage.Direction.AUTOMATED);

    deliver("""
        From: carla@example.org
        Subject: Re: Printer on fire
        Message-ID: <again@example.org>
        In-Reply-To: <first@example.org>
        """, "It is on fire again");
    assertThat(thread(ticket.id()).status()).isEqualTo(TicketStatus.OPEN);
    assertThat(eventTypes()).containsExactly(OutboxEvent.TICKET_CREATED, OutboxEvent.MESSAGE_ADDED,
        OutboxEvent.STATUS_CHANGED);
  }

  @Test
  void aBounceMatchingNoThreadShouldBeKeptOutOfEveryQueue() throws Exception {
    MailIngestService.Outcome bounce = deliver("""
        From: MAILER-DAEMON@example.net
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <bounce@example.net>
        """, "could not deliver");

    assertThat(thread(bounce.threadId()).status()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(stores.tickets().unassigned(10)).isEmpty();
    assertThat(eventTypes()).isEmpty();
  }

  /** As if the process died before the mail was marked stored. */
  private void unmark(InboundMail mail) {
    db.database().getCollection("message_ids").updateOne(new org.bson.Document("_id", mail.messageId()),
        new org.bson.Document("$set", new org.bson.Document("stored", false)));
  }

  @Test
  void anIngestionThatDiedHalfwayShouldFinishOnRetryWithoutDuplicates() {
    InboundMail mail = mail(FIRST, "first");
    String threadId = ingest.ingest(mail, MAILBOX).threadId();
    // as if the process died after reserving the id, and again after appending but before marking it stored
    unmark(mail);

    MailIngestService.Outcome retried = ingest.ingest(mail, MAILBOX);

    assertThat(retried.threadId()).isEqualTo(threadId);
    assertThat(retried.created()).isFalse();
    assertThat(thread(threadId).messageCount()).isEqualTo(1);
    assertThat(stores.messageIds().find(mail.messageId()).orElseThrow().stored()).isTrue();

    // as if it died after writing a new ticket's first message and before the ticket
    InboundMail third = mail(FIRST.replace("<first@", "<message-only@"), "its ticket was lost");
    String lostId = ingest.ingest(third, MAILBOX).threadId();
    db.database().getCollection("email_threads").deleteOne(new org.bson.Document("_id", new ObjectId(lostId)));
    unmark(third);
    MailIngestService.Outcome again = ingest.ingest(third, MAILBOX);
    assertThat(again.threadId()).isEqualTo(lostId);
    assertThat(again.created()).isTrue();
    assertThat(thread(lostId).messageCount()).isEqualTo(1);
    assertThat(stores.tickets().messages(lostId)).extracting(ThreadMessage::text)
        .containsExactly("its ticket was lost");

    InboundMail second = mail(FIRST.replace("<first@", "<reserved-only@"), "reserved, never stored");
    stores.messageIds().reserve(second.messageId(), "0123456789abcdef01234567");
    MailIngestService.Outcome finished = ingest.ingest(second, MAILBOX);
    assertThat(finished.created()).isTrue();
    assertThat(finished.threadId()).isEqualTo("0123456789abcdef01234567");
    assertThat(thread(finished.threadId()).messageCount()).isEqualTo(1);
  }

  /** Carla's answer to {@link #FIRST}, naming it in {@code threadingHeader}. */
  private InboundMail reply(String threadingHeader) {
    return mail("""
        From: carla@example.org
        To: support@example.com
        Subject: Re: Printer on fire
        Message-ID: <second@example.org>
        %s
        """.formatted(threadingHeader), "Still burning.");
  }

  private InboundMail newMail(String id, String subject) {
    return mail("""
        From: Carla Diaz <carla@example.org>
        To: support@example.com
        Subject: %s
        Message-ID: <%s@example.org>
        """.formatted(subject, id), subject + ", in detail.");
  }

  @Test
  void aMailWhoseStoringFailsShouldFailAloneAndBeStoredOnceWhenItCan() {
    // a store that cannot write the ticket called "Poison"
    TicketStore failing = (TicketStore) Proxy.newProxyInstance(TicketStore.class.getClassLoader(),
        new Class<?>[] {TicketStore.class}, (proxy, method, args) -> {
          if (args != null && Arrays.stream(args).anyMatch(a -> a instanceof NewThread t
              && t.subject().equals("Poison"))) {
            throw new IllegalStateException("cannot write " + method.getName());
          }
          try {
            return method.invoke(stores.tickets(), args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    MailIngestService service = new MailIngestService(failing, stores.messageIds(), stores.contacts(), relay,
        Clock.systemUTC());
    List<InboundMail> mails = List.of(newMail("fine", "Fine"), newMail("poison", "Poison"), newMail("after", "After"));
    List<String> ids = mails.stream().map(InboundMail::messageId).toList();

    // ingested one by one, as every source does: only the mail at fault fails
    List<String> failed = new ArrayList<>();
    for (InboundMail m : mails) {
      try {
        service.ingest(m, MAILBOX);
      } catch (IllegalStateException e) {
        failed.add(m.messageId() + ": " + e.getMessage());
      }
    }
    assertThat(failed).containsExactly("<poison@example.org>: cannot write insertWithFirstMessage");
    assertThat(ids).extracting(id -> stores.messageIds().find(id).orElseThrow().stored())
        .containsExactly(true, false, true);
    // and once it can be stored, it is, once; none of the others twice
    ingest.ingest(mails.get(1), MAILBOX);
    assertThat(ids).extracting(id -> stores.messageIds().find(id).orElseThrow().threadId())
        .allSatisfy(threadId -> assertThat(stores.tickets().messages(threadId)).hasSize(1));
    assertThat(stores.tickets().count()).isEqualTo(3);
  }
}
