package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contact card: details, the contact's open tickets with their owners, the calls section, the edit form, the
 * links from ticket pages and lists, and hostile text shown as text.
 */
class ContactPageTest {
  private ApiFixture fixture;
  private Member ana;
  private WebSession session;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    session = fixture.login(ana);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private EmailThread ticket(String subject, String from, Instant at) {
    return fixture.stores.tickets().insert(new NewThread("support@example.com", subject, from, "Carla", TicketStatus.OPEN,
        at));
  }

  private Document card(String id) {
    WebResponse page = fixture.web(fixture.page("/dashboard/contacts/" + id, session.cookie()));
    assertThat(page.status()).isEqualTo(200);
    return page.document();
  }

  @Test
  void cardShouldShowDetailsAndOpenTicketsWithTheirOwners() {
    Contact carla = fixture.stores.contacts().insert(new Contact(null, "Carla Diaz",
        List.of("carla@example.org", "c.diaz@example.org"), List.of("+14155550101"), "Prefers mornings"));
    Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
    EmailThread printer = ticket("Printer on fire", "carla@example.org", t0);
    EmailThread invoice = ticket("Invoice 42", "c.diaz@example.org", t0.plusSeconds(60));
    EmailThread done = ticket("Old question", "carla@example.org", t0.minusSeconds(3600));
    ticket("Someone else's", "ed@example.org", t0);
    assertThat(fixture.claims.claim(printer.id(), ana.member(), Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
    assertThat(fixture.claims.changeStatus(done.id(), ana.member(), TicketStatus.RESOLVED, Via.WEB))
        .isInstanceOf(ClaimOutcome.Won.class);

    Document page = card(carla.id());

    assertThat(page.select("#contact-name").text()).isEqualTo("Carla Diaz");
    assertThat(page.select("#contact-emails a").eachText()).containsExactly("carla@example.org", "c.diaz@example.org");
    assertThat(page.select("#contact-phones a").attr("href")).isEqualTo("tel:+14155550101");
    assertThat(page.select("#contact-notes").text()).isEqualTo("Prefers mornings");
    assertThat(page.select("#contact-tickets tbody tr").eachAttr("data-thread"))
        .containsExactly(invoice.id(), printer.id());
    assertThat(page.select("#contact-tickets tr[data-thread=" + printer.id() + "] .owner").text()).isEqualTo("Ana");
    assertThat(page.select("#contact-tickets tr[data-thread=" + invoice.id() + "] .owner").text()).isEqualTo("nobody");
    assertThat(page.select("section#calls")).hasSize(1);
  }

  @Test
  void cardShouldListTheContactsCallsNewestFirstWithWhoAnsweredAndTheNotes() {
    Contact carla = fixture.stores.contacts().insert(new Contact(null, "Carla Diaz", List.of("carla@example.org"),
        List.of("+14155550101"), null));
    Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
    var calls = fixture.stores.callLogs();
    calls.start("CA00000000000000000000000000000001", "+14155550101", "+14155550100", carla.id(), t0,
        List.of(ana.member().id()));
    calls.answered("CA00000000000000000000000000000001", ana.member().id(), t0.plusSeconds(5));
    calls.status("CA00000000000000000000000000000001", "completed", 95, t0.plusSeconds(100));
    calls.addNote("CA00000000000000000000000000000001",
        new io.claimdesk.core.voice.CallLog.Note(ana.member().id(), "Ana", "<b>Wants</b> a refund", t0.plusSeconds(99)));
    calls.start("CA00000000000000000000000000000002", "+14155550101", "+14155550100", carla.id(),
        t0.plusSeconds(3600));
    calls.status("CA00000000000000000000000000000002", "no-answer", null, t0.plusSeconds(3630));
    calls.recording("CA00000000000000000000000000000002", "javascript:alert(1)", 12, carla.id());
    calls.start("CA00000000000000000000000000000003", "+14155550199", "+14155550100", null, t0);

    Document page = card(carla.id());

    assertThat(page.select("#contact-calls tbody tr").eachAttr("data-call")).containsExactly(
        "CA00000000000000000000000000000002", "CA00000000000000000000000000000001");
    var answered = page.select("#contact-calls tr[data-call=CA00000000000000000000000000000001]");
    assertThat(answered.select(".answered").text()).isEqualTo("Ana");
    assertThat(answered.text()).contains("completed", "95 s");
    assertThat(answered.select(".notes").text()).isEqualTo("Ana: <b>Wants</b> a refund");
    assertThat(answered.select(".notes b")).isEmpty();
    var missed = page.select("#contact-calls tr[data-call=CA00000000000000000000000000000002]");
    assertThat(missed.select(".answered").text()).isEqualTo("nobody");
    assertThat(missed.select("a")).as("only https recordings are linked").isEmpty();
  }

  @Test
  void ticketPagesAndListsShouldLinkToTheCardOfTheSender() {
    Contact carla = fixture.stores.contacts().insert(new Contact(null, "Carla", List.of("carla+help@example.org"),
        List.of(), null));
    EmailThread ticket = ticket("Printer on fire", "carla+help@example.org", Instant.now());

    Document ticketPage = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), session.cookie())).document();
    String link = ticketPage.select("#contact-link").attr("href");
    Document list = fixture.web(fixture.page("/dashboard/tickets/unassigned", session.cookie())).document();
    WebResponse followed = fixture.web(fixture.page(link, session.cookie()));
    WebResponse unknown = fixture.web(fixture.page("/dashboard/contacts/lookup?email=nobody%40example.org",
        session.cookie()));

    assertThat(link).isEqualTo("/dashboard/contacts/lookup?email=carla%2Bhelp%40example.org");
    assertThat(list.select("#t-" + ticket.id() + " td.from a").attr("href")).isEqualTo(link);
    assertThat(followed.status()).isEqualTo(302);
    assertThat(followed.location()).isEqualTo("/dashboard/contacts/" + carla.id());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(fixture.web(fixture.page("/dashboard/contacts/0123456789abcdef01234567", session.cookie())).status())
        .isEqualTo(404);
  }

  @Test
  void anyMemberShouldEditTheContactFromTheCard() {
    Contact carla = fixture.stores.contacts().insert(new Contact(null, "Carla", List.of("carla@example.org"),
        List.of(), null));
    fixture.stores.contacts().insert(new Contact(null, "Ed", List.of("ed@example.org"), List.of(), null));

    WebResponse saved = post(carla.id(), session.csrf(), "Carla Diaz", "Carla@Example.org\nc.diaz@example.org",
        "+1 415 555 0101", "Call after 10");
    WebResponse badPhone = post(carla.id(), session.csrf(), "Carla", "carla@example.org", "+1 555 000 1111", "");
    Document afterBad = card(carla.id());
    WebResponse taken = post(carla.id(), session.csrf(), "Carla", "ed@example.org", "", "");
    Document afterTaken = card(carla.id());
    WebResponse forged = post(carla.id(), "forged", "Mallory", "", "", "");

    assertThat(saved.status()).isEqualTo(302);
    assertThat(badPhone.status()).isEqualTo(302);
    assertThat(afterBad.select(".flash.error").text()).isEqualTo("Invalid phone number: +1 555 000 1111");
    assertThat(afterTaken.select(".flash.error").text()).isEqualTo("ed@example.org belongs to another contact");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(fixture.stores.contacts().find(carla.id()).orElseThrow()).isEqualTo(new Contact(carla.id(),
        "Carla Diaz", List.of("carla@example.org", "c.diaz@example.org"), List.of("+14155550101"), "Call after 10"));
    assertThat(afterTaken.select("#contact-form textarea[name=phones]").text()).isEqualTo("+14155550101");
  }

  private WebResponse post(String id, String csrf, String name, String emails, String phones, String notes) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf);
    fields.put("name", name);
    fields.put("emails", emails);
    fields.put("phones", phones);
    fields.put("notes", notes);
    return fixture.web(fixture.form("/dashboard/contacts/" + id, session.cookie(), fields));
  }

  @Test
  void hostileTextShouldBeShownAsTextAndRunNothing() {
    Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
    for (int i = 0; i < XssCorpusTest.CORPUS.size(); i++) {
      String payload = XssCorpusTest.CORPUS.get(i);
      String email = "x" + i + "@example.org";
      Contact contact = fixture.stores.contacts().insert(new Contact(null, payload, List.of(email), List.of(),
          payload));
      EmailThread ticket = ticket(payload, email, t0.plusSeconds(i));
      TeamMember owner = fixture.team.create(new NewMember(payload, "owner" + i + "@example.com", Role.AGENT, null,
          null, null), null).orElseThrow();
      assertThat(fixture.claims.claim(ticket.id(), owner, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);

      WebResponse response = fixture.web(fixture.page("/dashboard/contacts/" + contact.id(), session.cookie()));
      Document page = response.document();

      assertThat(XssCorpusTest.unsafeParts(page, false)).as("unsafe parts for %s", payload).isEmpty();
      assertThat(page.select("#contact-name").first().wholeText().strip()).as("name").isEqualTo(payload.strip());
      assertThat(page.select("#contact-notes").first().wholeText()).as("notes").isEqualTo(payload);
      assertThat(page.select("#contact-tickets .subject a").first().wholeText()).as("subject").isEqualTo(payload);
      assertThat(page.select("#contact-tickets .owner").first().wholeText()).as("owner").isEqualTo(payload);
      assertThat(page.select("#contact-form input[name=name]").attr("value")).as("name field").isEqualTo(payload);
      assertThat(page.select("#contact-form textarea[name=notes]").first().wholeText()).as("notes field")
          .isEqualTo(payload);
    }
  }
}
