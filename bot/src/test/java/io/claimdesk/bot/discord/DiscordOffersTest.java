package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordFixture;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offers, nudges and releases in Discord: the real services on the embedded database, the bot connected to the
 * fake Discord (REST and gateway), button clicks on the direct messages dispatched as INTERACTION_CREATE, and the
 * policy on a clock the test moves.
 */
class DiscordOffersTest {
  private static final String D1 = "700000000000000001";
  private static final String D2 = "700000000000000002";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DiscordFixture fx = new DiscordFixture();
  private final FakeDiscord discord = fx.discord;
  private final MutableClock clock = new MutableClock(Instant.now());
  private final AssignmentStores stores = MongoStores.assignment(fx.base.db.database());
  private AssignmentService service;
  private AssignmentNotices notices;
  private TeamMember ana;
  private TeamMember bo;

  @BeforeEach
  void start() {
    ana = fx.base.member("Ana", Role.AGENT);
    bo = fx.base.member("Bo", Role.AGENT);
    fx.base.stores.team().linkDiscordUser(ana.id(), D1);
    fx.base.stores.team().linkDiscordUser(bo.id(), D2);
    ana = fx.base.stores.team().find(ana.id()).orElseThrow();
    bo = fx.base.stores.team().find(bo.id()).orElseThrow();
    DiscordBot bot = fx.start(SyncFixture.fast(), null);
    List<AssignmentNotices> late = new ArrayList<>();
    AssignmentNotices relay = new AssignmentNotices() {
      @Override
      public void offered(Offer offer, EmailThread ticket, TeamMember member) {
        late.get(0).offered(offer, ticket, member);
      }

      @Override
      public void offerClosed(Offer offer) {
        late.get(0).offerClosed(offer);
      }

      @Override
      public void nudged(EmailThread ticket, TeamMember owner, int hours) {
        late.get(0).nudged(ticket, owner, hours);
      }

      @Override
      public void released(EmailThread ticket, io.claimdesk.core.ticket.Owner previous, int hours) {
        late.get(0).released(ticket, previous, hours);
      }
    };
    service = new AssignmentService(fx.base.tickets, fx.base.stores.team(), fx.base.claims, stores,
        fx.base.stores.assignments(), clock, relay);
    late.add(bot.offers(service, MongoStores.notices(fx.base.db.database())));
    notices = relay;
    stores.settings().saveAssignmentPolicy(new AssignmentPolicy(Mode.ROUND_ROBIN, true, 60, 4, 8,
        ReopenToOwner.ALWAYS));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Optional<ObjectNode> channelMessage(String threadId) {
    return discord.messagesIn(DiscordPayloads.CHANNEL_ID).stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

  private EmailThread offeredTicket(String subject) {
    EmailThread t = fx.base.mail("carla@example.net", subject, "It started smoking.");
    Await.until(WAIT, () -> channelMessage(t.id()).isPresent(), "the channel message of " + subject);
    assertThat(service.assign(t.id())).isEqualTo(AssignmentService.Result.OFFERED);
    return t;
  }

  private Offer openOffer(EmailThread t) {
    return stores.offers().openFor(t.id()).orElseThrow();
  }

  private ObjectNode awaitDm(String user, String containing) {
    Await.until(WAIT, () -> discord.dmChannel(user).map(c -> discord.messagesIn(c).stream()
        .anyMatch(m -> m.toString().contains(containing))).orElse(false), "a DM to " + user + " with " + containing);
    return discord.messagesIn(discord.dmChannel(user).orElseThrow()).stream()
        .filter(m -> m.toString().contains(containing)).findFirst().orElseThrow();
  }

  private ObjectNode now(ObjectNode message) {
    return discord.message(message.get("id").asText()).orElseThrow();
  }

  private static List<String> customIds(JsonNode message) {
    List<String> ids = new ArrayList<>();
    message.path("components").path(0).path("components").forEach(b -> ids.add(b.path("custom_id").asText("link")));
    return ids;
  }

  private String ephemeralAnswer(String interactionId) {
    Await.until(WAIT, () -> !discord.followups(interactionId).isEmpty(), "a follow-up to " + interactionId);
    JsonNode followup = discord.followups(interactionId).get(0);
    assertThat(followup.path("flags").asInt() & 64).as("ephemeral flag").isEqualTo(64);
    return followup.path("content").asText();
  }

  private String owner(EmailThread t) {
    EmailThread current = fx.base.ticket(t.id());
    return current.isOwned() ? current.owner().memberId() : null;
  }

  @Test
  void anOfferShouldBeADirectMessageWhoseAcceptClaimsTheTicketAndEditsTheMessage() {
    EmailThread t = offeredTicket("Printer on fire");
    Offer offer = openOffer(t);
    ObjectNode dm = awaitDm(D1, offer.id());
    assertThat(customIds(dm)).containsExactly("offer_accept:" + offer.id(), "offer_decline:" + offer.id(), "link");
    assertThat(dm.path("content").asText()).startsWith("🎯 This ticket is offered to you");
    assertThat(dm.path("embeds").path(0).toString())
        .contains("Printer on fire", "carla@example\\\\.net", "It started smoking");
    assertThat(dm.path("allowed_mentions").path("parse")).isEmpty();
    assertThat(discord.calls("POST", "users/@me/channels").get(0).body().path("recipient_id").asText()).isEqualTo(D1);

    String click = discord.clickInDm(D1, "ana", D1, dm.get("id").asText(), "offer_accept:" + offer.id());
    Await.until(WAIT, () -> ana.id().equals(owner(t)), "Ana owns the ticket");
    Await.until(WAIT, () -> now(dm).path("content").asText().equals("✅ You own this ticket"), "the DM edited");
    Await.until(WAIT, () -> channelMessage(t.id()).map(m -> m.toString().contains("Claimed by Ana")).orElse(false),
        "the channel message shows Ana");

    assertThat(discord.callback(click).orElseThrow().type()).isEqualTo(6);
    assertThat(customIds(now(dm))).isEmpty();
    assertThat(discord.followups(click)).isEmpty();
    assertThat(fx.base.stores.assignments().history(t.id())).extracting(AssignmentEvent::action, AssignmentEvent::via)
        .contains(org.assertj.core.groups.Tuple.tuple(AssignmentAction.CLAIMED, Via.AUTO),
            org.assertj.core.groups.Tuple.tuple(AssignmentAction.ACCEPTED, Via.AUTO));
  }

  @Test
  void aDeclineShouldOfferTheTicketToTheNextMemberInTheirDirectMessage() {
    EmailThread t = offeredTicket("Toner empty");
    Offer toAna = openOffer(t);
    ObjectNode anaDm = awaitDm(D1, toAna.id());

    discord.clickInDm(D1, "ana", D1, anaDm.get("id").asText(), "offer_decline:" + toAna.id());
    Await.until(WAIT, () -> stores.offers().openFor(t.id()).map(o -> o.memberId().equals(bo.id())).orElse(false),
        "the offer passed to Bo");
    ObjectNode boDm = awaitDm(D2, openOffer(t).id());
    Await.until(WAIT, () -> now(anaDm).path("content").asText().equals("This offer is no longer open"),
        "Ana's DM closed");

    assertThat(customIds(boDm)).contains("offer_accept:" + openOffer(t).id());
    assertThat(owner(t)).isNull();
    assertThat(fx.base.stores.assignments().history(t.id())).filteredOn(e -> e.action() == AssignmentAction.DECLINED)
        .singleElement().satisfies(e -> assertThat(e.via()).isEqualTo(Via.DISCORD));
  }

  @Test
  void anExpiredOfferShouldBeClosedInItsMessageAndPassedOn() {
    EmailThread t = offeredTicket("Scanner offline");
    Offer toAna = openOffer(t);
    ObjectNode anaDm = awaitDm(D1, toAna.id());

    clock.advance(Duration.ofSeconds(59));
    int early = service.expireDue();
    clock.advance(Duration.ofSeconds(1));
    int onTime = service.expireDue();

    assertThat(List.of(early, onTime)).containsExactly(0, 1);
    Await.until(WAIT, () -> now(anaDm).path("content").asText().equals("This offer is no longer open"),
        "Ana's DM closed");
    assertThat(awaitDm(D2, openOffer(t).id()).path("embeds").toString()).contains("Scanner offline");
    assertThat(customIds(now(anaDm))).isEmpty();
  }

  @Test
  void anAcceptBySomeoneElseOrAfterAClaimElsewhereShouldBeRefusedAndChangeNothing() {
    EmailThread t = offeredTicket("Badge reader");
    Offer toAna = openOffer(t);
    ObjectNode anaDm = awaitDm(D1, toAna.id());

    String byBo = discord.clickInDm(D2, "bo", D1, anaDm.get("id").asText(), "offer_accept:" + toAna.id());
    assertThat(ephemeralAnswer(byBo)).isEqualTo("This offer is no longer open");
    assertThat(openOffer(t)).isEqualTo(toAna);
    assertThat(owner(t)).isNull();

    fx.base.claims.claim(t.id(), bo, Via.WEB);
    assertThat(service.ticketTaken(t.id())).isTrue();
    Await.until(WAIT, () -> now(anaDm).path("content").asText().equals("This offer is no longer open"),
        "Ana's DM closed");
    String late = discord.clickInDm(D1, "ana", D1, anaDm.get("id").asText(), "offer_accept:" + toAna.id());
    assertThat(ephemeralAnswer(late)).isEqualTo("This offer is no longer open");
    assertThat(owner(t)).isEqualTo(bo.id());
  }

  @Test
  void offersMadeOnAnInstanceWithoutTheGatewayShouldBeSentAndEditedByTheInstanceHoldingIt() {
    // a second instance: its own bot, never connected (another instance holds the gateway), and its own policy
    DiscordBot other = DiscordBot.create(new DiscordSettings(DiscordFixture.TOKEN, DiscordPayloads.CHANNEL_ID,
        discord.apiUrl(), SyncFixture.BASE_URL, SyncFixture.fast()), new DiscordBot.Dependencies(fx.base.tickets,
        fx.base.claims, null, fx.base.stores.team(), fx.base.stores.chatSync(), fx.base.stores.chatDeliveries(),
        fx.base.stores.outbox(), fx.base.clock, null));
    try {
      List<AssignmentNotices> late = new ArrayList<>();
      AssignmentService elsewhere = new AssignmentService(fx.base.tickets, fx.base.stores.team(), fx.base.claims,
          MongoStores.assignment(fx.base.db.database()), fx.base.stores.assignments(), clock,
          new AssignmentNotices() {
            @Override
            public void offered(Offer offer, EmailThread ticket, TeamMember member) {
              late.get(0).offered(offer, ticket, member);
            }

            @Override
            public void offerClosed(Offer offer) {
              late.get(0).offerClosed(offer);
            }
          });
      late.add(other.offers(elsewhere, MongoStores.notices(fx.base.db.database())));
      EmailThread t = fx.base.mail("carla@example.net", "Queued offer", "It started smoking.");
      Await.until(WAIT, () -> channelMessage(t.id()).isPresent(), "the channel message");

      assertThat(elsewhere.assign(t.id())).isEqualTo(AssignmentService.Result.OFFERED);
      ObjectNode anaDm = awaitDm(D1, openOffer(t).id());
      clock.advance(Duration.ofSeconds(60));
      assertThat(elsewhere.expireDue()).isEqualTo(1);
      Await.until(WAIT, () -> now(anaDm).path("content").asText().equals("This offer is no longer open"),
          "Ana's DM closed by the holder");
      ObjectNode boDm = awaitDm(D2, openOffer(t).id());

      assertThat(customIds(boDm)).contains("offer_accept:" + openOffer(t).id());
      assertThat(discord.calls("POST", "channels/\\d+/messages").stream()
          .filter(c -> c.body().path("content").asText().startsWith("🎯"))).hasSize(2);
    } finally {
      other.close();
    }
  }

  @Test
  void aQuietClaimShouldBeNudgedOnceThenReleasedWithAReplyToTheChannelMessage() {
    stores.settings().saveAssignmentPolicy(new AssignmentPolicy(Mode.ROUND_ROBIN, false, 60, 4, 8,
        ReopenToOwner.ALWAYS));
    EmailThread t = fx.base.mail("mia@example.org", "Invoice missing", "Where is my invoice?");
    Await.until(WAIT, () -> channelMessage(t.id()).isPresent(), "the channel message");
    String posted = channelMessage(t.id()).orElseThrow().get("id").asText();
    fx.base.claims.claim(t.id(), ana, Via.DISCORD);
    StaleClaims stale = new StaleClaims(service, fx.base.tickets, fx.base.stores.team(),
        MongoStores.notices(fx.base.db.database()), notices, clock);

    clock.advance(Duration.ofHours(4).plusSeconds(1));
    stale.sweep();
    clock.advance(Duration.ofHours(1));
    stale.sweep();
    ObjectNode nudge = awaitDm(D1, "has waited");
    assertThat(nudge.path("content").asText()).isEqualTo("⏰ **Invoice missing** has waited 4 h for your reply");
    assertThat(nudge.path("components").toString())
        .contains(SyncFixture.BASE_URL + "/dashboard/tickets/" + t.id() + "/reply");

    clock.advance(Duration.ofHours(3));
    assertThat(stale.sweep()).isEqualTo(1);
    Await.until(WAIT, () -> discord.messagesIn(DiscordPayloads.CHANNEL_ID).stream()
        .anyMatch(m -> m.path("content").asText().startsWith("↩️ Released")), "the release said in the channel");
    FakeDiscord.Call reply = discord.calls("POST", "channels/" + DiscordPayloads.CHANNEL_ID + "/messages").stream()
        .filter(c -> c.body().path("content").asText().startsWith("↩️")).findFirst().orElseThrow();
    assertThat(reply.body().path("content").asText())
        .isEqualTo("↩️ Released from **Ana** after 8 h without a reply; back in the queue");
    assertThat(reply.body().path("message_reference").path("message_id").asText()).isEqualTo(posted);
    assertThat(reply.body().path("allowed_mentions").path("parse")).isEmpty();
    Await.until(WAIT, () -> channelMessage(t.id()).map(m -> m.toString().contains("Claimed by Bo")).orElse(false),
        "the channel message shows Bo");
    assertThat(discord.messagesIn(discord.dmChannel(D1).orElseThrow())).hasSize(1);
  }
}
