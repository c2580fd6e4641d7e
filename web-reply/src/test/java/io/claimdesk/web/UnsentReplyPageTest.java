package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reply the mail server refused, on the ticket page: shown to everyone with the server's error under "Not sent",
 * sent again by its author as the same mail (recorded once), discarded by its author or a manager.
 */
class UnsentReplyPageTest {
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

  private Document ticketPage(WebSession session) {
    WebResponse page = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), session.cookie()));
    assertThat(page.status()).isEqualTo(200);
    return page.document();
  }

  private WebResponse post(String path, WebSession session, String body) {
    return fixture.web(fixture.form(path, session.cookie(), body == null ? Map.of("_csrf", session.csrf())
        : Map.of("_csrf", session.csrf(), "body", body)));
  }

  @Test
  void aRefusedReplyShouldBeShownWithItsErrorAndSentAgainByItsAuthorOnce() {
    WebSession anaSession = fixture.login(ana);
    fixture.sender.failing = true;

    WebResponse sent = post("/dashboard/tickets/" + ticket.id() + "/reply", anaSession, "It is <b>fixed</b> now");

    assertThat(sent.status()).isEqualTo(302);
    assertThat(sent.location()).isEqualTo("/dashboard/tickets/" + ticket.id() + "#unsent");
    Document page = ticketPage(anaSession);
    assertThat(page.select("#flash, .flash").text()).startsWith("Not sent: connection refused. It is kept under");
    Element unsent = page.selectFirst("li.unsent-reply.failed");
    assertThat(unsent).isNotNull();
    assertThat(unsent.selectFirst("pre.unsent-body").text()).isEqualTo("It is <b>fixed</b> now"); // text, not markup
    assertThat(unsent.selectFirst(".error").text()).isEqualTo("connection refused");
    assertThat(unsent.select("button.retry")).hasSize(1);
    assertThat(unsent.select("button.discard")).hasSize(1);
    assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().messageCount()).isZero();

    // another agent sees it, and can do nothing with it; a manager may discard it, not send it
    Element forBo = ticketPage(fixture.login(bo)).selectFirst("li.unsent-reply.failed");
    assertThat(forBo).isNotNull();
    assertThat(forBo.select("button")).isEmpty();
    Element forMia = ticketPage(fixture.login(mia)).selectFirst("li.unsent-reply.failed");
    assertThat(forMia.select("button.retry")).isEmpty();
    assertThat(forMia.select("button.discard")).hasSize(1);

    fixture.sender.failing = false;
    String retry = unsent.selectFirst("button.retry").parent().attr("action");
    WebResponse retried = post(retry, anaSession, null);
    WebResponse twice = post(retry, anaSession, null);

    assertThat(retried.status()).isEqualTo(302);
    assertThat(twice.status()).isEqualTo(302);
    Document after = ticketPage(anaSession);
    assertThat(after.select("li.unsent-reply")).isEmpty();
    assertThat(after.select("#flash, .flash").text()).contains("This reply was sent already");
    PendingReply reply = fixture.stores.pendingReplies().find(retry.split("/")[5]).orElseThrow();
    assertThat(reply.status()).isEqualTo(PendingReply.Status.SENT);
    assertThat(fixture.sender.sent).extracting(OutgoingReply::messageId).containsExactly(reply.messageId());
    assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().messageCount()).isEqualTo(1);
  }

  @Test
  void aReplyShouldBeSentAgainOrDiscardedOnlyFromItsOwnTicketsPage() {
    WebSession anaSession = fixture.login(ana);
    EmailThread other = fixture.ticket("Another ticket", Instant.parse("2026-11-01T10:00:00Z"));
    fixture.sender.failing = true;
    post("/dashboard/tickets/" + ticket.id() + "/reply", anaSession, "Refused once");
    String retry = ticketPage(anaSession).selectFirst("li.unsent-reply.failed button.retry").parent().attr("action");
    String replyId = retry.split("/")[5];
    fixture.sender.failing = false;

    WebResponse retried = post("/dashboard/tickets/" + other.id() + "/replies/" + replyId + "/retry", anaSession,
        null);
    WebResponse discarded = post("/dashboard/tickets/" + other.id() + "/replies/" + replyId + "/discard",
        anaSession, null);

    assertThat(retried.status()).isEqualTo(302);
    assertThat(retried.location()).isEqualTo("/dashboard/tickets/" + other.id());
    assertThat(discarded.status()).isEqualTo(302);
    WebResponse otherPage = fixture.web(fixture.page("/dashboard/tickets/" + other.id(), anaSession.cookie()));
    assertThat(otherPage.document().select("#flash, .flash").text()).contains("Reply not found");
    assertThat(fixture.sender.sent).isEmpty();
    assertThat(fixture.stores.pendingReplies().find(replyId).orElseThrow().status())
        .isEqualTo(PendingReply.Status.FAILED);
    assertThat(ticketPage(anaSession).select("li.unsent-reply.failed")).hasSize(1);
  }
}
