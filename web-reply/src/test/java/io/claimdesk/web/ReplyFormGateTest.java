package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The reply form says before anyone types whether a reply can go out: a ticket someone else holds gives a read-only
 * box naming the owner and what to do; a server without a mail server says so at the top. Also the API's CC.
 */
class ReplyFormGateTest {

  @Test
  void aTicketSomeoneElseHoldsShouldGiveAReadOnlyBoxNamingTheOwner() {
    try (ApiFixture fixture = new ApiFixture()) {
      Member ana = fixture.member("Ana", Role.AGENT);
      Member bo = fixture.member("Bo", Role.AGENT);
      EmailThread ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
      fixture.claims.claim(ticket.id(), ana.member(), Via.API);

      WebSession boSession = fixture.login(bo);
      Document reply = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id() + "/reply", boSession.cookie()))
          .document();
      assertThat(reply.selectFirst("#reply-body").hasAttr("readonly")).isTrue();
      assertThat(reply.selectFirst("#send").hasAttr("disabled")).isTrue();
      assertThat(reply.selectFirst("#reply-hint").text())
          .isEqualTo("Ask Ana to hand it over, or ask a manager to reassign it.");
      assertThat(reply.select("#replies-off")).isEmpty();
      Document page = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), boSession.cookie())).document();
      assertThat(page.selectFirst("#reply-hint").text())
          .isEqualTo("Only Ana can reply. Ask Ana to hand it over, or ask a manager to reassign it.");
      assertThat(page.selectFirst("#reply-link").text()).isEqualTo("Reply (read only)");

      // a manager is pointed at Reassign, which they may use themselves
      Member mia = fixture.member("Mia", Role.MANAGER);
      Document forManager = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id() + "/reply",
          fixture.login(mia).cookie())).document();
      assertThat(forManager.selectFirst("#reply-hint").text())
          .isEqualTo("Ask Ana to hand it over, or reassign it (Reassign, on the ticket page).");
      assertThat(forManager.selectFirst("#reply-body").hasAttr("readonly")).isTrue();

      // the owner gets an open box, no hint
      Document own = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id() + "/reply",
          fixture.login(ana).cookie())).document();
      assertThat(own.selectFirst("#reply-body").hasAttr("readonly")).isFalse();
      assertThat(own.selectFirst("#send").hasAttr("disabled")).isFalse();
      assertThat(own.select("#reply-hint")).isEmpty();
    }
  }

  @Test
  void withoutAMailServerTheFormShouldSaySoAtTheTop() {
    try (ApiFixture fixture = ApiFixture.withoutMailServer()) {
      Member ana = fixture.member("Ana", Role.AGENT);
      EmailThread ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
      WebSession session = fixture.login(ana);

      Document reply = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id() + "/reply", session.cookie()))
          .document();
      assertThat(reply.selectFirst("#replies-off").text()).startsWith("Replies are off: this server has no mail server");
      assertThat(reply.selectFirst("#replies-off").elementSiblingIndex())
          .isLessThan(reply.selectFirst("#reply-form").elementSiblingIndex());
      assertThat(reply.selectFirst("#reply-body").hasAttr("readonly")).isTrue();
      assertThat(reply.selectFirst("#send").hasAttr("disabled")).isTrue();
      Document page = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), session.cookie())).document();
      assertThat(page.selectFirst("#replies-off").text()).contains("Internal notes still work");
    }
  }

  @Test
  void theApiShouldSendCcAddressesAndRefuseABadOne() {
    try (ApiFixture fixture = new ApiFixture()) {
      Member ana = fixture.member("Ana", Role.AGENT);
      EmailThread ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));

      Response bad = fixture.post("/api/emails/reply", ana.token(), "{\"threadId\":\"" + ticket.id()
          + "\",\"body\":\"Fixed\",\"cc\":[\"boss@example.org\",\"not an address\"]}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error()).isEqualTo("Invalid CC address: not an address");
      Response notArray = fixture.post("/api/emails/reply", ana.token(), "{\"threadId\":\"" + ticket.id()
          + "\",\"body\":\"Fixed\",\"cc\":\"boss@example.org\"}");
      assertThat(notArray.status()).isEqualTo(400);
      assertThat(notArray.error()).isEqualTo("Field cc must be an array of email addresses");
      assertThat(fixture.sender.sent).isEmpty();
      assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().isOwned()).isFalse();

      Response sent = fixture.post("/api/emails/reply", ana.token(), "{\"threadId\":\"" + ticket.id()
          + "\",\"body\":\"Fixed\",\"cc\":[\"boss@example.org\",\"BOSS@example.org\",\"customer@example.org\"]}");
      assertThat(sent.status()).isEqualTo(200);
      assertThat(fixture.sender.sent).hasSize(1);
      // repeats and the customer's own address dropped
      assertThat(fixture.sender.sent.get(0).cc()).containsExactly("boss@example.org");
      assertThat(fixture.stores.tickets().messages(ticket.id()).get(0).cc()).containsExactly("boss@example.org");
    }
  }

  @Test
  void aReplyRefusedByTheMailServerShouldGoOutAgainWithItsCc() {
    try (ApiFixture fixture = new ApiFixture()) {
      Member ana = fixture.member("Ana", Role.AGENT);
      EmailThread ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
      fixture.sender.failing = true;

      Response refused = fixture.post("/api/emails/reply", ana.token(), "{\"threadId\":\"" + ticket.id()
          + "\",\"body\":\"Fixed\",\"cc\":[\"boss@example.org\"]}");
      assertThat(refused.status()).isEqualTo(502);
      String replyId = refused.json().path("replyId").asText();
      assertThat(fixture.get("/api/emails/tickets/" + ticket.id(), ana.token()).json().path("unsentReplies")
          .get(0).path("status").asText()).isEqualTo("failed");

      fixture.sender.failing = false;
      Response retried = fixture.post("/api/emails/replies/" + replyId + "/retry", ana.token(), "");
      assertThat(retried.status()).isEqualTo(200);
      assertThat(fixture.sender.sent).hasSize(1);
      assertThat(fixture.sender.sent.get(0).cc()).containsExactly("boss@example.org");
      assertThat(fixture.sender.sent.get(0).body()).isEqualTo("Fixed");
    }
  }
}
