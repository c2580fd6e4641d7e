package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's words: notices naming the ticket and the person, "Resolved by", names in the history, unclaim
 * putting an in-progress ticket back to open, error pages that keep the navigation, and the favicon.
 */
class DashboardWordsPageTest {
  private ApiFixture fixture;
  private Member ana;
  private Member bo;
  private Member mia;
  private EmailThread ticket;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    mia = fixture.member("Mia", Role.MANAGER);
    ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private String flashAfter(WebSession session, String action, Map<String, String> extra) {
    Map<String, String> fields = new java.util.HashMap<>(extra);
    fields.put("_csrf", session.csrf());
    WebResponse posted = fixture.web(fixture.form("/dashboard/tickets/" + ticket.id() + "/" + action,
        session.cookie(), fields));
    assertThat(posted.status()).isEqualTo(302);
    return page(session, posted.location()).select(".flash").text();
  }

  private Document page(WebSession session, String path) {
    WebResponse page = fixture.web(fixture.page(path, session.cookie()));
    return page.document();
  }

  @Test
  void noticesShouldNameTheTicketAndThePerson() {
    WebSession anaSession = fixture.login(ana);
    WebSession miaSession = fixture.login(mia);

    String claimed = flashAfter(anaSession, "claim", Map.of());
    String reassigned = flashAfter(miaSession, "reassign", Map.of("memberId", bo.id()));
    String released = flashAfter(miaSession, "unclaim", Map.of());

    System.out.println("notices: " + claimed + " | " + reassigned + " | " + released);
    assertThat(claimed).isEqualTo("You claimed “Printer on fire”.");
    assertThat(reassigned).isEqualTo("“Printer on fire” reassigned to Bo.");
    assertThat(released).isEqualTo("You released “Printer on fire”.");
  }

  @Test
  void unclaimShouldPutAnInProgressTicketBackToOpenAndKeepTheApiMessage() {
    fixture.post("/api/emails/claim", ana.token(), threadBody(ticket.id()));
    fixture.post("/api/emails/status", ana.token(), "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"in_progress\"}");
    assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.IN_PROGRESS);

    Response response = fixture.post("/api/emails/unclaim", ana.token(), threadBody(ticket.id()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("message").asText()).isEqualTo("Ticket unclaimed successfully");
    EmailThread after = fixture.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(after.owner()).isNull();
    assertThat(after.status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void unclaimShouldLeaveAWaitingTicketWaiting() {
    fixture.post("/api/emails/claim", ana.token(), threadBody(ticket.id()));
    fixture.post("/api/emails/status", ana.token(), "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"waiting\"}");

    fixture.post("/api/emails/unclaim", ana.token(), threadBody(ticket.id()));

    assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING);
  }

  @Test
  void aResolvedTicketShouldSayWhoResolvedItAndTheHistoryShouldNamePeople() {
    fixture.post("/api/emails/claim", ana.token(), threadBody(ticket.id()));
    fixture.post("/api/emails/status", ana.token(), "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"resolved\"}");
    fixture.settle();

    Document forBo = page(fixture.login(bo), "/dashboard/tickets/" + ticket.id());
    Document forAna = page(fixture.login(ana), "/dashboard/tickets/" + ticket.id());

    assertThat(forBo.selectFirst("#owner-banner .state").text()).isEqualTo("Resolved by Ana");
    assertThat(forAna.selectFirst("#owner-banner .state").text()).isEqualTo("Resolved by you");
    assertThat(forBo.select("#history tbody tr")).hasSize(1);
    assertThat(forBo.selectFirst("#history td.actor").text()).isEqualTo("Ana");
    assertThat(forBo.selectFirst("#history td[data-label=Owner]").text()).isEqualTo("nobody → Ana");
    assertThat(forBo.selectFirst("#history").text()).doesNotContain("ana@example.com");
  }

  @Test
  void errorPagesShouldKeepTheNavigationForSignedInMembers() {
    WebSession boSession = fixture.login(bo);

    WebResponse missingTicket = fixture.web(fixture.page("/dashboard/tickets/000000000000000000000000",
        boSession.cookie()));
    WebResponse noRoute = fixture.web(fixture.page("/dashboard/no-such-page", boSession.cookie()));
    WebResponse teamForAgent = fixture.web(fixture.page("/dashboard/team", boSession.cookie()));
    WebResponse signedOut = fixture.web(fixture.page("/dashboard/tickets/000000000000000000000000", null));

    assertThat(missingTicket.status()).isEqualTo(404);
    assertThat(missingTicket.document().select("header.top nav a").eachText())
        .containsExactly("Unassigned", "Mine", "All tickets");
    assertThat(missingTicket.document().selectFirst("#error-message").text()).isEqualTo("Ticket not found");
    assertThat(missingTicket.document().select("#logout")).hasSize(1);
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.document().select("header.top nav a")).hasSize(3);
    assertThat(noRoute.document().selectFirst("#error-message").text()).isEqualTo("Page not found");
    assertThat(teamForAgent.status()).isEqualTo(403);
    assertThat(teamForAgent.document().select("header.top nav a")).hasSize(3);
    assertThat(teamForAgent.document().selectFirst("title").text()).startsWith("Not allowed");
    assertThat(signedOut.status()).isEqualTo(302); // to the sign-in, as before
  }

  @Test
  void theFaviconShouldBeServedAndLinked() throws Exception {
    HttpResponse<byte[]> icon = fixture.http.send(fixture.request("/favicon.ico", null).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> svg = fixture.http.send(fixture.request("/static/favicon.svg", null).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Document login = fixture.web(fixture.page("/login", null)).document();

    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).contains("image/x-icon");
    assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO header: reserved 0, type 1 (icon)
    assertThat(icon.body().length).isBetween(100, 10_000);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.body()).startsWith("<svg");
    assertThat(login.select("link[rel=icon]").attr("href")).isEqualTo("/static/favicon.svg");
  }
}
