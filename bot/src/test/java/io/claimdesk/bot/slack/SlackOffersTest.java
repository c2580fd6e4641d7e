package io.claimdesk.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.AssignmentStores;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.StaleClaims;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.store.mongo.MongoStores;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offers, nudges and releases in Slack: the real services on the embedded database, the Slack app behind a real
 * server's {@code /slack/events} receiving signed clicks, the fake Web API recording the direct messages and their
 * edits, and the policy on a clock the test moves.
 */
class SlackOffersTest {
  private static final String SECRET = "slack-signing-secret-for-tests";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SyncFixture fx = new SyncFixture();
  private final FakeSlackApi slack = fx.slack;
  private final MutableClock clock = new MutableClock(Instant.now());
  private final AssignmentStores stores = MongoStores.assignment(fx.db.database());
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SECRET);
  private SlackBot bot;
  private Javalin server;
  private AssignmentService service;
  private AssignmentNotices notices;
  private TeamMember ana;
  private TeamMember bo;
  private int triggers;

  @BeforeEach
  void start() {
    ana = fx.member("Ana", Role.AGENT);
    bo = fx.member("Bo", Role.AGENT);
    fx.stores.team().linkSlackUser(ana.id(), "U0ANA");
    fx.stores.team().linkSlackUser(bo.id(), "U0BO");
    ana = fx.stores.team().find(ana.id()).orElseThrow();
    bo = fx.stores.team().find(bo.id()).orElseThrow();
    bot = SlackBot.create(new SlackSettings("xoxb-test-token", SECRET, SyncFixture.CHANNEL, slack.apiUrl(),
        SyncFixture.BASE_URL, SyncFixture.fast()), new SlackBot.Dependencies(fx.tickets, fx.claims, null,
        fx.stores.team(), fx.stores.chatSync(), fx.stores.chatDeliveries(), fx.stores.outbox(), fx.clock)).start();
    AssignmentNotices[] late = new AssignmentNotices[1];
    AssignmentNotices relay = new AssignmentNotices() {
      @Override
      public void offered(Offer offer, EmailThread ticket, TeamMember member) {
        late[0].offered(offer, ticket, member);
      }

      @Override
      public void offerClosed(Offer offer) {
        late[0].offerClosed(offer);
      }

      @Override
      public void nudged(EmailThread ticket, TeamMember owner, int hours) {
        late[0].nudged(ticket, owner, hours);
      }

      @Override
      public void released(EmailThread ticket, io.claimdesk.core.ticket.Owner previous, int hours) {
        late[0].released(ticket, previous, hours);
      }
    };
    service = new AssignmentService(fx.tickets, fx.stores.team(), fx.claims, stores, fx.stores.assignments(), clock,
        relay);
    late[0] = bot.offers(service, MongoStores.notices(fx.db.database()));
    notices = relay;
    server = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jetty.modifyServletContextHandler(h -> h.addServlet(new ServletHolder(bot.servlet()), "/slack/events"));
    }).start("127.0.0.1", 0);
    stores.settings().saveAssignmentPolicy(new AssignmentPolicy(Mode.ROUND_ROBIN, true, 60, 4, 8,
        ReopenToOwner.ALWAYS));
  }

  @AfterEach
  void stop() {
    server.stop();
    bot.close();
    fx.close();
  }

  private EmailThread offeredTicket(String subject) {
    EmailThread t = fx.mail("Dev Patel <dev@example.org>", subject, "The VPN drops every ten minutes.");
    Await.until(WAIT, () -> slack.messages(SyncFixture.CHANNEL).stream()
        .anyMatch(m -> m.blocksJson().contains(t.id())), "the channel message of " + subject);
    assertThat(service.assign(t.id())).isEqualTo(AssignmentService.Result.OFFERED);
    return t;
  }

  private Offer openOffer(EmailThread t) {
    return stores.offers().openFor(t.id()).orElseThrow();
  }

  private FakeSlackApi.Message awaitDm(String user, String containing) {
    String dm = FakeSlackApi.dmChannel(user);
    Await.until(WAIT, () -> slack.messages(dm).stream().anyMatch(m -> m.blocksJson().contains(containing)),
        "a direct message to " + user + " containing " + containing);
    return slack.messages(dm).stream().filter(m -> m.blocksJson().contains(containing)).findFirst().orElseThrow();
  }

  private String channelMessage(EmailThread t) {
    return slack.messages(SyncFixture.CHANNEL).stream().filter(m -> m.blocksJson().contains(t.id())).findFirst()
        .orElseThrow().blocksJson();
  }

  private HttpResponse<String> click(String user, String action, String offerId, String ts) throws Exception {
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction(user, action, offerId,
        FakeSlackApi.dmChannel(user), ts, slack.responseUrl(user + "-" + (++triggers)), "trigger-" + triggers));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/slack/events")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    signer.headers(body).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String owner(EmailThread t) {
    EmailThread now = fx.ticket(t.id());
    return now.isOwned() ? now.owner().memberId() : null;
  }

  @Test
  void anOfferShouldBeADirectMessageWhoseAcceptClaimsTheTicketAndEditsTheMessage() throws Exception {
    EmailThread t = offeredTicket("VPN keeps dropping");
    Offer offer = openOffer(t);
    FakeSlackApi.Message dm = awaitDm("U0ANA", offer.id());
    assertThat(offer.memberId()).isEqualTo(ana.id());
    assertThat(slack.calls("conversations.open").get(0).params().get("users")).isEqualTo("U0ANA");
    assertThat(dm.blocksJson()).contains("This ticket is offered to you", "VPN keeps dropping", "Dev Patel",
        "\"action_id\":\"offer_accept\"", "\"action_id\":\"offer_decline\"", "\"value\":\"" + offer.id() + "\"",
        "/dashboard/tickets/" + t.id() + "/reply").doesNotContain("\"action_id\":\"claim\"");

    assertThat(click("U0ANA", SlackOffers.ACCEPT, offer.id(), dm.ts()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> ana.id().equals(owner(t)), "Ana owns the ticket");
    Await.until(WAIT, () -> slack.message(dm.channel(), dm.ts()).orElseThrow().blocksJson()
        .contains("You own this ticket"), "the direct message shows the outcome");
    Await.until(WAIT, () -> channelMessage(t).contains("Claimed by *Ana*"), "the channel message shows Ana");

    assertThat(slack.message(dm.channel(), dm.ts()).orElseThrow().blocksJson()).doesNotContain("offer_accept");
    assertThat(slack.calls("chat.update").stream().filter(c -> dm.channel().equals(c.params().get("channel"))))
        .hasSize(1);
    assertThat(slack.calls("response_url")).isEmpty();
    assertThat(fx.stores.assignments().history(t.id())).extracting(AssignmentEvent::action, AssignmentEvent::via)
        .contains(org.assertj.core.groups.Tuple.tuple(AssignmentAction.CLAIMED, Via.AUTO),
            org.assertj.core.groups.Tuple.tuple(AssignmentAction.ACCEPTED, Via.AUTO));
  }

  @Test
  void aDeclineShouldOfferTheTicketToTheNextMemberInTheirDirectMessage() throws Exception {
    EmailThread t = offeredTicket("Printer jams");
    Offer toAna = openOffer(t);
    FakeSlackApi.Message anaDm = awaitDm("U0ANA", toAna.id());

    assertThat(click("U0ANA", SlackOffers.DECLINE, toAna.id(), anaDm.ts()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> stores.offers().openFor(t.id()).map(o -> o.memberId().equals(bo.id())).orElse(false),
        "the offer passed to Bo");
    Offer toBo = openOffer(t);
    FakeSlackApi.Message boDm = awaitDm("U0BO", toBo.id());
    Await.until(WAIT, () -> slack.message(anaDm.channel(), anaDm.ts()).orElseThrow().blocksJson()
        .contains("This offer is no longer open"), "Ana's message closed");

    assertThat(boDm.blocksJson()).contains("Printer jams", "offer_accept", "offer_decline");
    assertThat(owner(t)).isNull();
    assertThat(fx.stores.assignments().history(t.id())).filteredOn(e -> e.action() == AssignmentAction.DECLINED)
        .singleElement().satisfies(e -> assertThat(e.via()).isEqualTo(Via.SLACK));
  }

  @Test
  void anExpiredOfferShouldBeClosedInItsMessageAndPassedOn() {
    EmailThread t = offeredTicket("Laptop will not boot");
    Offer toAna = openOffer(t);
    FakeSlackApi.Message anaDm = awaitDm("U0ANA", toAna.id());

    clock.advance(Duration.ofSeconds(59));
    int early = service.expireDue();
    clock.advance(Duration.ofSeconds(1));
    int onTime = service.expireDue();

    assertThat(List.of(early, onTime)).containsExactly(0, 1);
    Await.until(WAIT, () -> slack.message(anaDm.channel(), anaDm.ts()).orElseThrow().blocksJson()
        .contains("This offer is no longer open"), "Ana's message closed");
    FakeSlackApi.Message boDm = awaitDm("U0BO", openOffer(t).id());
    assertThat(boDm.blocksJson()).contains("Laptop will not boot");
    assertThat(slack.message(anaDm.channel(), anaDm.ts()).orElseThrow().blocksJson()).doesNotContain("offer_accept");
  }

  @Test
  void anAcceptBySomeoneElseOrAfterAClaimElsewhereShouldBeRefusedAndChangeNothing() throws Exception {
    EmailThread t = offeredTicket("Mail bounces");
    Offer toAna = openOffer(t);
    FakeSlackApi.Message anaDm = awaitDm("U0ANA", toAna.id());

    assertThat(click("U0BO", SlackOffers.ACCEPT, toAna.id(), anaDm.ts()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> slack.calls("response_url").size() == 1, "Bo is answered");
    assertThat(slack.calls("response_url").get(0).params()).containsEntry("text", "This offer is no longer open")
        .containsEntry("response_type", "ephemeral");
    assertThat(openOffer(t)).isEqualTo(toAna);
    assertThat(owner(t)).isNull();

    fx.claims.claim(t.id(), bo, Via.WEB); // Bo takes it from the channel while it is offered to Ana
    assertThat(service.ticketTaken(t.id())).isTrue();
    Await.until(WAIT, () -> slack.message(anaDm.channel(), anaDm.ts()).orElseThrow().blocksJson()
        .contains("This offer is no longer open"), "Ana's message closed");
    assertThat(click("U0ANA", SlackOffers.ACCEPT, toAna.id(), anaDm.ts()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> slack.calls("response_url").size() == 2, "Ana is answered");
    assertThat(slack.calls("response_url").get(1).params()).containsEntry("text", "This offer is no longer open");
    assertThat(owner(t)).isEqualTo(bo.id());
  }

  @Test
  void aQuietClaimShouldBeNudgedOnceThenReleasedWithAThreadReplyAndHandedOut() {
    stores.settings().saveAssignmentPolicy(new AssignmentPolicy(Mode.ROUND_ROBIN, false, 60, 4, 8,
        ReopenToOwner.ALWAYS));
    EmailThread t = fx.mail("Mia <mia@example.org>", "Invoice missing", "Where is my invoice?");
    Await.until(WAIT, () -> slack.messages(SyncFixture.CHANNEL).size() == 1, "the channel message");
    String ts = slack.messages(SyncFixture.CHANNEL).get(0).ts();
    fx.claims.claim(t.id(), ana, Via.SLACK);
    StaleClaims stale = new StaleClaims(service, fx.tickets, fx.stores.team(), MongoStores.notices(fx.db.database()),
        notices, clock);
    String dm = FakeSlackApi.dmChannel("U0ANA");

    clock.advance(Duration.ofHours(4).plusSeconds(1));
    stale.sweep();
    clock.advance(Duration.ofHours(1));
    stale.sweep();
    Await.until(WAIT, () -> slack.messages(dm).size() == 1, "the nudge");
    assertThat(slack.messages(dm).get(0).text()).contains("*Invoice missing* has waited 4 h for your reply",
        SyncFixture.BASE_URL + "/dashboard/tickets/" + t.id() + "/reply");

    clock.advance(Duration.ofHours(3));
    assertThat(stale.sweep()).isEqualTo(1);
    Await.until(WAIT, () -> slack.calls("chat.postMessage").stream()
        .anyMatch(c -> ts.equals(c.params().get("thread_ts"))), "the release said in the ticket's thread");
    assertThat(slack.calls("chat.postMessage").stream().filter(c -> ts.equals(c.params().get("thread_ts")))
        .map(c -> c.params().get("text")).toList())
        .containsExactly("↩️ Released from *Ana* after 8 h without a reply; back in the queue");
    Await.until(WAIT, () -> channelMessage(t).contains("Claimed by *Bo*"), "the channel message shows Bo");
    assertThat(slack.messages(dm)).hasSize(1);
  }
}
