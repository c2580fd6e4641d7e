package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team page's manager tools: "Unclaim all" with its confirmation, and the assignment history download. */
class TeamPageAssignmentTest {
  private ApiFixture fixture;
  private Member mia;
  private Member ana;
  private Member bo;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    mia = fixture.member("Mia", Role.MANAGER);
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void unclaimAllShouldNameTheMemberAndCountBeforeReleasingAnything() {
    for (int i = 0; i < 3; i++) {
      fixture.claims.claim(fixture.ticket("vacation " + i, Instant.now()).id(), ana.member(), Via.API);
    }
    EmailThread resolved = fixture.ticket("done already", Instant.now());
    fixture.claims.claim(resolved.id(), ana.member(), Via.API);
    fixture.claims.changeStatus(resolved.id(), ana.member(), TicketStatus.RESOLVED, Via.API);
    fixture.claims.claim(fixture.ticket("Bo's own", Instant.now()).id(), bo.member(), Via.API);
    WebSession session = fixture.login(mia);

    Document team = fixture.web(fixture.page("/dashboard/team", session.cookie())).document();
    Element link = team.selectFirst("#team tr[data-member=" + ana.id() + "] a.unclaim-all");
    assertThat(link.attr("href")).isEqualTo("/dashboard/team/" + ana.id() + "/unclaim-all");
    WebResponse confirm = fixture.web(fixture.page(link.attr("href"), session.cookie()));
    // looking at the confirmation changes nothing
    assertThat(fixture.stores.tickets().ownedBy(ana.id(), 10)).hasSize(3);
    Document page = confirm.document();
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(page.select("#unclaim-all-question").text()).isEqualTo("Ana (ana@example.com) owns 3 open tickets. "
        + "They all go back to the queue, where the assignment policy hands them out again. "
        + "Nothing changes until you confirm.");
    Element form = page.selectFirst("#unclaim-all-confirm form");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/dashboard/team/" + ana.id() + "/unclaim-all");
    assertThat(page.select("#unclaim-all-confirm-button").text()).isEqualTo("Unclaim 3 open tickets");

    WebResponse withoutCsrf = fixture.web(fixture.form(form.attr("action"), session.cookie(), Map.of()));
    assertThat(withoutCsrf.status()).isEqualTo(403);
    assertThat(fixture.stores.tickets().ownedBy(ana.id(), 10)).hasSize(3);

    WebResponse released = fixture.web(fixture.form(form.attr("action"), session.cookie(),
        Map.of("_csrf", session.csrf())));
    assertThat(released.status()).isEqualTo(302);
    assertThat(released.location()).isEqualTo("/dashboard/team");
    Document after = fixture.web(fixture.page("/dashboard/team", session.cookie())).document();
    assertThat(after.select(".flash.ok").text()).isEqualTo("Released 3 tickets of Ana to the queue.");
    assertThat(fixture.stores.tickets().ownedBy(ana.id(), 10)).isEmpty();
    assertThat(fixture.stores.tickets().find(resolved.id()).orElseThrow().owner().memberId()).isEqualTo(ana.id());
    assertThat(fixture.stores.tickets().ownedBy(bo.id(), 10)).hasSize(1);
  }

  @Test
  void agentsShouldBeRefusedBothSteps() {
    fixture.claims.claim(fixture.ticket("mine", Instant.now()).id(), bo.member(), Via.API);
    WebSession session = fixture.login(ana);

    WebResponse confirm = fixture.web(fixture.page("/dashboard/team/" + bo.id() + "/unclaim-all", session.cookie()));
    WebResponse post = fixture.web(fixture.form("/dashboard/team/" + bo.id() + "/unclaim-all", session.cookie(),
        Map.of("_csrf", session.csrf())));
    WebResponse unknown = fixture.web(fixture.page("/dashboard/team/" + "0".repeat(24) + "/unclaim-all",
        fixture.login(mia).cookie()));

    assertThat(confirm.status()).isEqualTo(403);
    assertThat(confirm.document().select("#error-message").text()).isEqualTo("Only managers can reassign tickets");
    assertThat(post.status()).isEqualTo(403);
    assertThat(fixture.stores.tickets().ownedBy(bo.id(), 10)).hasSize(1);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.document().select("#error-message").text()).isEqualTo("Team member not found");
  }

  @Test
  void historyDownloadShouldSendTheFormsDaysToTheCsvExport() throws Exception {
    for (int i = 0; i < 3; i++) {
      EmailThread t = fixture.ticket("history " + i, Instant.now());
      fixture.claims.claim(t.id(), ana.member(), Via.API);
      if (i == 1) {
        fixture.claims.reassign(t.id(), mia.member(), bo.id(), Via.WEB);
      }
    }
    fixture.settle();
    WebSession session = fixture.login(mia);
    Document team = fixture.web(fixture.page("/dashboard/team", session.cookie())).document();
    Element form = team.selectFirst("form#history-download");
    assertThat(form.attr("method")).isEqualTo("get");
    assertThat(form.attr("action")).isEqualTo("/api/assignment-events");
    assertThat(form.select("input[type=hidden][name=format]").attr("value")).isEqualTo("csv");
    assertThat(form.select("input[type=date]")).extracting(e -> e.attr("name")).containsExactly("from", "to");
    assertThat(form.select("button").text()).isEqualTo("Download assignment history (CSV)");

    // what the browser sends for the form with both days set to today (UTC), with the session's cookie
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    WebResponse csv = fixture.web(fixture.page(form.attr("action") + "?format=csv&from=" + today + "&to=" + today,
        session.cookie()));
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    WebResponse none = fixture.web(fixture.page(form.attr("action") + "?format=csv&from=&to=" + yesterday,
        session.cookie()));

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    List<CSVRecord> rows = parse(csv.body());
    assertThat(rows).extracting(r -> r.get("action")).containsExactly("claimed", "claimed", "reassigned", "claimed");
    assertThat(rows.get(2).get("previousOwner")).isEqualTo("ana@example.com");
    assertThat(rows.get(2).get("newOwner")).isEqualTo("bo@example.com");
    assertThat(rows.get(2).get("actor")).isEqualTo("mia@example.com");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("time")).startsWith(today));
    assertThat(fixture.stores.assignments().since(Instant.EPOCH)).hasSize(rows.size());
    assertThat(parse(none.body())).isEmpty();
  }

  private static List<CSVRecord> parse(String body) throws Exception {
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body))) {
      assertThat(parser.getHeaderNames())
          .containsExactly("time", "threadId", "action", "actor", "previousOwner", "newOwner", "via");
      return parser.getRecords();
    }
  }
}
