package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TicketStore} must do about search ({@code q}: every word, plain text, in the subject, the customer's
 * address or name, or a message) and the other orders of its lists; and about the customer's and the team's last
 * message times that say who waits.
 */
interface TicketSearchContract extends StoreFixture {
  default EmailThread mail(String subject, String email, String name, Instant at, String... texts) {
    EmailThread ticket = tickets().insert(new NewThread("support@example.com", subject, email, name,
        TicketStatus.OPEN, at));
    for (int i = 0; i < texts.length; i++) {
      tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
          "<" + new ObjectId() + "@example.org>", null, List.of(), email, name, List.of("support@example.com"),
          List.of(), at.plusSeconds(i), texts[i], null, List.of(), null), null);
    }
    return tickets().find(ticket.id()).orElseThrow();
  }

  default List<String> search(String q) {
    return tickets().list(new TicketQuery(null, null, 50, null, q, null)).tickets().stream().map(EmailThread::id)
        .toList();
  }

  @Test
  default void searchShouldMatchSubjectAddressNameAndMessageTextWhateverTheCase() {
    EmailThread printer = mail("Printer jams", "dev@example.org", "Dana Vogel", T0, "Paper stuck in tray 2");
    EmailThread invoice = mail("Invoice question", "billing@acme.example", "Rui Costa", T0.plusSeconds(60),
        "Why was I charged twice? See the attached PDF.", "Still waiting about the DOUBLE charge");

    assertThat(search("PRINTER")).containsExactly(printer.id());
    assertThat(search("acme.example")).containsExactly(invoice.id());
    assertThat(search("vogel")).containsExactly(printer.id());
    assertThat(search("tray")).containsExactly(printer.id());
    assertThat(search("double")).containsExactly(invoice.id());
    assertThat(search("e")).containsExactly(invoice.id(), printer.id()); // newest first
    assertThat(search("nothing-like-this")).isEmpty();
  }

  @Test
  default void everyWordMustAppearButEachMayBeInADifferentPlace() {
    EmailThread both = mail("Refund", "ana@example.org", "Ana", T0, "The invoice is wrong");
    mail("Refund", "bo@example.org", "Bo", T0.plusSeconds(1), "All fine now");
    mail("Invoice", "cy@example.org", "Cy", T0.plusSeconds(2), "Another one");

    assertThat(search("refund invoice")).containsExactly(both.id());
    assertThat(search("  invoice   REFUND ")).containsExactly(both.id());
    assertThat(search("refund invoice ana@example.org")).containsExactly(both.id());
    assertThat(search("refund invoice bo")).isEmpty();
  }

  @Test
  default void searchWordsShouldBePlainTextNotPatternsOrOperators() {
    EmailThread dotted = mail("Version a.b released", "x@example.org", "X", T0, "see (details) * here $5");
    EmailThread letters = mail("Version axb released", "y@example.org", "Y", T0.plusSeconds(1), "what is $where?");
    mail("Backslash", "z@example.org", "Z", T0.plusSeconds(2), "c:\\temp\\ and [brackets]");

    assertThat(search("a.b")).containsExactly(dotted.id());
    assertThat(search("(details)")).containsExactly(dotted.id());
    assertThat(search("(")).containsExactly(dotted.id());
    assertThat(search("*")).containsExactly(dotted.id());
    assertThat(search("$5")).containsExactly(dotted.id());
    assertThat(search("$where")).containsExactly(letters.id());
    assertThat(search("$where?")).containsExactly(letters.id());
    assertThat(search(".*")).isEmpty();
    assertThat(search("^version")).isEmpty();
    assertThat(search("c:\\temp\\")).hasSize(1);
    assertThat(search("[brackets]")).hasSize(1);
    assertThat(search("\\Q")).isEmpty();
  }

  @Test
  default void aSearchPageShouldCarryTheTextAroundTheFirstHit() {
    String before = "x".repeat(100) + " and then ";
    EmailThread ticket = mail("Lost parcel", "ana@example.org", "Ana", T0, "Hello,\n\nmy parcel never came.",
        before + "the Courier said <b>tuesday</b> & left.");

    TicketPage page = tickets().list(new TicketQuery(null, null, 10, null, "courier", null));

    Snippet snippet = page.snippets().get(ticket.id());
    assertThat(snippet.hit()).isEqualTo("Courier");
    assertThat(snippet.before()).startsWith("…").endsWith("and then the ");
    assertThat(snippet.after()).isEqualTo(" said <b>tuesday</b> & left.");
    // a hit in the subject alone has no message text to show
    assertThat(tickets().list(new TicketQuery(null, null, 10, null, "lost", null)).snippets()).isEmpty();
    assertThat(tickets().list(new TicketQuery(null, null, 10, null, "parcel", null)).snippets().get(ticket.id())
        .before()).isEqualTo("Hello, my ");
  }

  @Test
  default void searchShouldPageWithTheCursorAndKeepOtherFilters() {
    TeamMember ana = member("Ana", Role.AGENT);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      EmailThread t = mail("Router " + i, "c" + i + "@example.org", "C", T0.plusSeconds(i), "the router blinks");
      expected.add(0, t.id());
    }
    mail("Other", "d@example.org", "D", T0.plusSeconds(30), "unrelated");
    claims().claim(expected.get(1), ana, Via.WEB);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      TicketPage page = tickets().list(new TicketQuery(null, null, 3, cursor, "ROUTER blinks", null));
      page.tickets().forEach(t -> seen.add(t.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(seen).isEqualTo(expected);
    assertThat(tickets().list(new TicketQuery(null, ana.id(), 10, null, "router", null)).tickets())
        .extracting(EmailThread::id).containsExactly(expected.get(1));
    assertThat(tickets().list(new TicketQuery(TicketStatus.OPEN, TicketQuery.UNASSIGNED, 10, null, "router", null))
        .tickets()).hasSize(6);
  }

  @Test
  default void listsShouldSortByActivityStatusAndOwnerAndPageInThatOrder() {
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember bo = member("Bo", Role.AGENT);
    EmailThread a = mail("a", "a@example.org", "A", T0, "one");
    EmailThread b = mail("b", "b@example.org", "B", T0.plusSeconds(10), "one");
    EmailThread c = mail("c", "c@example.org", "C", T0.plusSeconds(20), "one");
    tickets().appendMessage(a.id(), inbound(a.id(), "<late@example.org>", T0.plusSeconds(99), "late"), null);
    claims().claim(a.id(), bo, Via.WEB);
    claims().claim(c.id(), ana, Via.WEB);
    tickets().setStatus(b.id(), null, TicketStatus.WAITING, event("status_changed", b.id()));

    assertThat(sorted(TicketSort.ACTIVITY)).containsExactly(a.id(), c.id(), b.id());
    assertThat(sorted(TicketSort.STATUS)).containsExactly(c.id(), a.id(), b.id()); // open (newest first), then waiting
    assertThat(sorted(TicketSort.OWNER)).containsExactly(b.id(), c.id(), a.id()); // nobody, Ana, Bo
    assertThatThrownBy(() -> tickets().list(new TicketQuery(null, null, 2, tickets().list(new TicketQuery(null, null,
        2, null)).nextCursor(), null, TicketSort.OWNER))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void aSearchShouldComeInEveryOrder() {
    TeamMember ana = member("Ana", Role.AGENT);
    EmailThread a = mail("a", "a@example.org", "A", T0, "modem");
    EmailThread b = mail("b", "b@example.org", "B", T0.plusSeconds(10), "modem");
    EmailThread c = mail("c", "c@example.org", "C", T0.plusSeconds(20), "modem");
    mail("d", "d@example.org", "D", T0.plusSeconds(30), "router");
    tickets().appendMessage(a.id(), inbound(a.id(), "<late@example.org>", T0.plusSeconds(99), "late"), null);
    claims().claim(b.id(), ana, Via.WEB);

    assertThat(sorted(TicketSort.ACTIVITY, "modem")).containsExactly(a.id(), c.id(), b.id());
    assertThat(sorted(TicketSort.OWNER, "modem")).containsExactly(c.id(), a.id(), b.id());
    assertThat(sorted(TicketSort.STATUS, "modem")).containsExactly(c.id(), b.id(), a.id());
    assertThat(sorted(TicketSort.RECEIVED, "modem")).containsExactly(c.id(), b.id(), a.id());
  }

  private List<String> sorted(TicketSort sort) {
    return sorted(sort, null);
  }

  private List<String> sorted(TicketSort sort, String q) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      TicketPage page = tickets().list(new TicketQuery(null, null, 2, cursor, q, sort));
      page.tickets().forEach(t -> ids.add(t.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  @Test
  default void aTicketShouldSayWhenTheCustomerWroteAfterTheTeamsLastReply() {
    EmailThread ticket = mail("Help", "ana@example.org", "Ana", T0, "first");
    assertThat(ticket.needsReply()).isTrue();
    assertThat(ticket.customerReplied()).isFalse();
    assertThat(ticket.waitingSince()).isEqualTo(T0);

    tickets().appendMessage(ticket.id(), message(ticket.id(), ThreadMessage.Direction.OUTBOUND, T0.plusSeconds(60)),
        null);
    EmailThread answered = tickets().find(ticket.id()).orElseThrow();
    assertThat(answered.needsReply()).isFalse();
    assertThat(answered.waitingSince()).isNull();

    tickets().appendMessage(ticket.id(), inbound(ticket.id(), "<2@example.org>", T0.plusSeconds(120), "thanks but"),
        null);
    tickets().appendMessage(ticket.id(), message(ticket.id(), ThreadMessage.Direction.NOTE, T0.plusSeconds(180)),
        null);
    EmailThread replied = tickets().find(ticket.id()).orElseThrow();
    assertThat(replied.customerReplied()).isTrue();
    assertThat(replied.lastReplyAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(replied.waitingSince()).isEqualTo(T0.plusSeconds(120)); // the last unanswered mail, not the first
    assertThat(tickets().list(new TicketQuery(null, null, 5, null)).tickets().get(0).customerReplied()).isTrue();

    tickets().appendMessage(ticket.id(), message(ticket.id(), ThreadMessage.Direction.OUTBOUND, T0.plusSeconds(240)),
        null);
    tickets().appendMessage(ticket.id(), message(ticket.id(), ThreadMessage.Direction.AUTOMATED, T0.plusSeconds(250)),
        null);
    assertThat(tickets().find(ticket.id()).orElseThrow().needsReply()).isFalse(); // an auto-reply waits for nobody
    tickets().appendMessage(ticket.id(), message(ticket.id(), ThreadMessage.Direction.VOICEMAIL, T0.plusSeconds(300)),
        null);
    assertThat(tickets().find(ticket.id()).orElseThrow().waitingSince()).isEqualTo(T0.plusSeconds(300));
  }

  private ThreadMessage message(String threadId, ThreadMessage.Direction direction, Instant at) {
    return new ThreadMessage(null, threadId, direction, "<" + new ObjectId() + "@example.com>", null, List.of(),
        "agent@example.com", "Agent", List.of("ana@example.org"), List.of(), at, "from the team", null, List.of(),
        null);
  }

  @Test
  default void ticketsStoredBeforeSearchExistedShouldBeFoundOnceTheStoresOpenAgain() {
    ObjectId legacy = new ObjectId();
    database().getCollection("email_threads").insertOne(new Document("_id", legacy).append("subject", "Old one")
        .append("customerEmail", "old@example.org").append("customerName", "Olga").append("status", "open")
        .append("receivedAt", Date.from(T0)).append("messageCount", 1));
    database().getCollection("thread_messages").insertOne(new Document("_id", legacy.toHexString() + "/000001")
        .append("threadId", legacy).append("direction", "inbound").append("text", "The Antique clock"));
    assertThat(search("antique")).isEmpty();

    TicketStore reopened = asStarted(MongoStores.open(database(), CLOCK).tickets());

    assertThat(reopened.list(new TicketQuery(null, null, 10, null, "antique", null)).tickets())
        .extracting(EmailThread::id).containsExactly(legacy.toHexString());
    assertThat(reopened.list(new TicketQuery(null, null, 10, null, "olga old one", null)).tickets())
        .extracting(EmailThread::id).containsExactly(legacy.toHexString());
  }

  /** The ticket store under test as a start of the app builds it on {@code opened}. */
  default TicketStore asStarted(TicketStore opened) {
    return opened;
  }

  @Test
  default void tooLongSearchesShouldBeRefused() {
    assertThatThrownBy(() -> new TicketQuery(null, null, 10, null, "a b c d e f g h i", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8 words");
    assertThatThrownBy(() -> new TicketQuery(null, null, 10, null, "x".repeat(201), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200 characters");
  }
}
