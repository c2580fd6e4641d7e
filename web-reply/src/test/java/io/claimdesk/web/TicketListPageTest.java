package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ticket list pages: search with snippets, the needs-reply marks and order, sorting and filters. */
class TicketListPageTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
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

  private EmailThread mail(String subject, String email, Instant at, String text) {
    EmailThread t = fixture.stores.tickets().insert(new NewThread("support@example.com", subject, email, "Carla",
        TicketStatus.OPEN, at));
    message(t, ThreadMessage.Direction.INBOUND, at, text);
    return t;
  }

  private void message(EmailThread t, ThreadMessage.Direction direction, Instant at, String text) {
    fixture.stores.tickets().appendMessage(t.id(), new ThreadMessage(null, t.id(), direction,
        "<" + new ObjectId() + "@example.org>", null, List.of(), t.customerEmail(), "Carla",
        List.of("support@example.com"), List.of(), at, text, null, List.of(), null), null);
  }

  private Document page(String path) {
    WebResponse page = fixture.web(fixture.page(path, session.cookie()));
    assertThat(page.status()).isEqualTo(200);
    return page.document();
  }

  @Test
  void searchShouldListHitsWithTheirSnippetAndTheHeaderBoxShouldSubmitToIt() {
    EmailThread parcel = mail("Lost parcel", "carla@example.org", T0, "The courier left it <next door> & ran.");
    mail("Invoice", "ed@example.org", T0.plusSeconds(60), "Charged twice");

    Document list = page("/dashboard/tickets?q=COURIER");

    assertThat(list.select("tbody tr").eachAttr("data-thread")).containsExactly(parcel.id());
    assertThat(list.select("h1").text()).startsWith("Search: COURIER");
    assertThat(list.select("#t-" + parcel.id() + " .snippet").html())
        .isEqualTo("The <mark>courier</mark> left it &lt;next door&gt; &amp; ran.");
    assertThat(list.select("#list-q").val()).isEqualTo("COURIER");
    Document header = page("/dashboard/tickets/mine");
    assertThat(header.select("form.search").attr("action")).isEqualTo("/dashboard/tickets");
    assertThat(header.select("#header-search").attr("name")).isEqualTo("q");

    assertThat(page("/dashboard/tickets?q=a.*").select("#empty").text())
        .isEqualTo("No ticket holds every word of “a.*”.");
    assertThat(page("/dashboard/tickets?q=" + "x".repeat(201)).select("#search-error").text())
        .isEqualTo("Search not run: q must be at most 200 characters.");
  }

  @Test
  void mineShouldMarkAndPutFirstTheTicketsWhoseCustomerWroteLast() {
    EmailThread answered = mail("Answered", "a@example.org", T0, "question");
    EmailThread replied = mail("Replied again", "b@example.org", T0.plusSeconds(60), "question");
    EmailThread fresh = mail("Never answered", "c@example.org", T0.plusSeconds(120), "question");
    for (EmailThread t : List.of(answered, replied, fresh)) {
      assertThat(fixture.claims.claim(t.id(), ana.member(), Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
    }
    message(answered, ThreadMessage.Direction.OUTBOUND, T0.plusSeconds(600), "answer");
    message(replied, ThreadMessage.Direction.OUTBOUND, T0.plusSeconds(600), "answer");
    message(replied, ThreadMessage.Direction.INBOUND, T0.plusSeconds(900), "but why?");
    message(replied, ThreadMessage.Direction.NOTE, T0.plusSeconds(950), "internal: check the logs");

    Document mine = page("/dashboard/tickets/mine");

    assertThat(mine.select("tbody tr").eachAttr("data-thread")).containsExactly(replied.id(), fresh.id(),
        answered.id());
    assertThat(mine.select("#t-" + replied.id() + " .reply-mark").text()).isEqualTo("Customer replied");
    assertThat(mine.select("#t-" + fresh.id() + " .reply-mark").text()).isEqualTo("Not answered yet");
    assertThat(mine.select("#t-" + answered.id() + " .reply-mark")).isEmpty();
    assertThat(mine.select("#t-" + replied.id() + " td.waiting time").attr("datetime"))
        .isEqualTo(T0.plusSeconds(900).toString()); // the last unanswered mail, not the first
    assertThat(mine.select("#t-" + replied.id() + " td.activity time").attr("datetime"))
        .isEqualTo(T0.plusSeconds(950).toString());
    assertThat(mine.select("#t-" + answered.id() + " td.waiting").text()).isEqualTo("–");
    // the same mark on every list
    assertThat(page("/dashboard/tickets").select("#t-" + replied.id() + " .reply-mark").text())
        .isEqualTo("Customer replied");

    assertThat(page("/dashboard/tickets/mine?sort=received").select("tbody tr").eachAttr("data-thread"))
        .containsExactly(answered.id(), replied.id(), fresh.id());
    assertThat(page("/dashboard/tickets/mine?sort=activity").select("tbody tr").eachAttr("data-thread"))
        .containsExactly(replied.id(), answered.id(), fresh.id());
  }

  @Test
  void columnHeadersShouldSortAndFiltersShouldNarrowEveryList() {
    EmailThread a = mail("a", "a@example.org", T0, "x");
    EmailThread b = mail("b", "b@example.org", T0.plusSeconds(60), "x");
    EmailThread c = mail("c", "c@example.org", T0.plusSeconds(120), "x");
    message(a, ThreadMessage.Direction.INBOUND, T0.plusSeconds(999), "late");
    assertThat(fixture.claims.changeStatus(b.id(), ana.member(), TicketStatus.WAITING, Via.WEB))
        .isInstanceOf(ClaimOutcome.Won.class);

    Document all = page("/dashboard/tickets?status=open");
    assertThat(all.select("tbody tr").eachAttr("data-thread")).containsExactly(c.id(), a.id());
    String activity = all.select("th a[title='Sort by last message']").attr("href");
    assertThat(activity).isEqualTo("/dashboard/tickets?status=open&sort=activity");
    assertThat(page(activity).select("tbody tr").eachAttr("data-thread")).containsExactly(a.id(), c.id());
    assertThat(page(activity).select("th a.sorted").text()).isEqualTo("Last activity");
    assertThat(page("/dashboard/tickets?sort=status").select("tbody tr").eachAttr("data-thread"))
        .containsExactly(c.id(), a.id(), b.id());

    assertThat(page("/dashboard/tickets/unassigned?status=open").select("tbody tr").eachAttr("data-thread"))
        .containsExactly(a.id(), c.id());
    assertThat(page("/dashboard/tickets/unassigned?status=waiting").select("tbody tr").eachAttr("data-thread"))
        .containsExactly(b.id());
    assertThat(page("/dashboard/tickets/unassigned").select("#filter-status option").eachAttr("value"))
        .containsExactly("", "open", "in_progress", "waiting");
  }
}
