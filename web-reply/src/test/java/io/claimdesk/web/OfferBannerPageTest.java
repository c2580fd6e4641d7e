package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offer banner on dashboard pages, its fragment for live updates, and its Accept and Decline forms. */
class OfferBannerPageTest {
  private ApiFixture fixture;
  private Member boss;
  private Member ana;
  private Member bo;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    boss = fixture.member("Boss", Role.MANAGER);
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    fixture.stores.team().setAvailability(boss.id(), Availability.OFFLINE);
    fixture.stores.team().setAvailability(bo.id(), Availability.OFFLINE);
    assertThat(fixture.send("PUT", "/api/settings/assignment", boss.token(),
        "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":300}").status()).isEqualTo(200);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private EmailThread offeredToAna(String subject) {
    EmailThread t = fixture.ticket(subject, Instant.now());
    fixture.assignments.assign(t.id());
    assertThat(fixture.assignments.openOffers(ana.member())).anyMatch(o -> o.threadId().equals(t.id()));
    return t;
  }

  @Test
  void everyPageShouldShowTheMembersOpenOfferWithItsForms() {
    EmailThread t = offeredToAna("Printer on fire");
    WebSession session = fixture.login(ana);
    String offerId = fixture.assignments.openOffers(ana.member()).get(0).id();

    for (String path : new String[] {"/dashboard/tickets/mine", "/dashboard/tickets/" + t.id(),
        "/dashboard/account"}) {
      Document page = fixture.web(fixture.page(path, session.cookie())).document();
      Element offer = page.selectFirst("#offer-banner .offer");
      assertThat(offer).as(path).isNotNull();
      assertThat(offer.attr("data-thread")).isEqualTo(t.id());
      assertThat(offer.select(".offer-subject").text()).isEqualTo("Printer on fire");
      assertThat(offer.select(".offer-subject").attr("href")).isEqualTo("/dashboard/tickets/" + t.id());
      assertThat(offer.select(".offer-left").text()).matches("[45] min \\d{1,2} s");
      assertThat(offer.select("form").eachAttr("action")).containsExactly("/dashboard/offers/" + offerId + "/accept",
          "/dashboard/offers/" + offerId + "/decline");
      assertThat(offer.select("form input[name=_csrf]").eachAttr("value")).containsOnly(session.csrf());
    }
    // Bo has no offer: an empty banner
    Document bos = fixture.web(fixture.page("/dashboard/tickets/mine", fixture.login(bo).cookie())).document();
    assertThat(bos.select("#offer-banner")).hasSize(1);
    assertThat(bos.select("#offer-banner .offer")).isEmpty();
    // the fragment the page's script swaps in
    WebResponse fragment = fixture.web(fixture.page("/dashboard/offers/banner", session.cookie()));
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(Jsoup.parse(fragment.body()).select("#offer-banner .offer[data-thread=" + t.id() + "]")).hasSize(1);
  }

  @Test
  void acceptShouldClaimTheTicketAndDeclineShouldPassItOn() {
    EmailThread first = offeredToAna("First");
    WebSession session = fixture.login(ana);
    String firstOffer = fixture.assignments.openOffers(ana.member()).get(0).id();

    WebResponse withoutCsrf = fixture.web(fixture.form("/dashboard/offers/" + firstOffer + "/accept",
        session.cookie(), Map.of()));
    assertThat(withoutCsrf.status()).isEqualTo(403);
    assertThat(fixture.stores.tickets().find(first.id()).orElseThrow().owner()).isNull();

    WebResponse accepted = fixture.web(fixture.form("/dashboard/offers/" + firstOffer + "/accept", session.cookie(),
        Map.of("_csrf", session.csrf())));
    assertThat(accepted.status()).isEqualTo(302);
    assertThat(accepted.location()).isEqualTo("/dashboard/tickets/" + first.id());
    assertThat(fixture.stores.tickets().find(first.id()).orElseThrow().owner().memberId()).isEqualTo(ana.id());
    Document ticketPage = fixture.web(fixture.page(accepted.location(), session.cookie())).document();
    assertThat(ticketPage.select(".flash.ok").text()).isEqualTo("You now own “First”.");
    assertThat(ticketPage.select("#offer-banner .offer")).isEmpty();

    WebResponse again = fixture.web(fixture.form("/dashboard/offers/" + firstOffer + "/accept", session.cookie(),
        Map.of("_csrf", session.csrf())));
    assertThat(again.status()).isEqualTo(302);
    assertThat(fixture.web(fixture.page("/dashboard/tickets/mine", session.cookie())).document()
        .select(".flash.error").text()).isEqualTo("This offer is no longer open: “First”.");

    EmailThread second = offeredToAna("Second");
    String secondOffer = fixture.assignments.openOffers(ana.member()).get(0).id();
    WebSession bos = fixture.login(bo);
    WebResponse notHers = fixture.web(fixture.form("/dashboard/offers/" + secondOffer + "/accept", bos.cookie(),
        Map.of("_csrf", bos.csrf())));
    assertThat(notHers.status()).isEqualTo(302);
    assertThat(fixture.web(fixture.page("/dashboard/tickets/mine", bos.cookie())).document().select(".flash.error")
        .text()).isEqualTo("This offer was made to another member: “Second”.");

    fixture.stores.team().setAvailability(bo.id(), Availability.ONLINE);
    WebResponse declined = fixture.web(fixture.form("/dashboard/offers/" + secondOffer + "/decline",
        session.cookie(), Map.of("_csrf", session.csrf())));
    assertThat(declined.status()).isEqualTo(302);
    assertThat(declined.location()).isEqualTo("/dashboard/tickets/mine");
    assertThat(fixture.web(fixture.page("/dashboard/tickets/mine", session.cookie())).document()
        .select(".flash.ok").text()).isEqualTo("Declined “Second”: it goes to the next member.");
    assertThat(fixture.assignments.openOffers(bo.member())).singleElement()
        .satisfies(o -> assertThat(o.threadId()).isEqualTo(second.id()));
    assertThat(fixture.stores.tickets().find(second.id()).orElseThrow().owner()).isNull();
  }
}
