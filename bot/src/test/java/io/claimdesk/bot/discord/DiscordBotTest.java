package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeDiscordState;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.ticket.EmailThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscordBotTest extends LinkedDiscordTest {
  private static final String STRANGER = "700000000000000009";

  private Optional<ObjectNode> messageOf(String threadId) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

  private ObjectNode awaitMessage(String threadId, String containing) {
    Await.until(WAIT, () -> messageOf(threadId).map(m -> m.toString().contains(containing)).orElse(false),
        "the message of " + threadId + " to contain " + containing);
    return messageOf(threadId).orElseThrow();
  }

  private static List<String> customIds(JsonNode message) {
    List<String> ids = new ArrayList<>();
    message.path("components").path(0).path("components")
        .forEach(b -> ids.add(b.path("custom_id").asText("link")));
    return ids;
  }

  private String ephemeralAnswer(String interactionId) {
    Await.until(WAIT, () -> !discord.followups(interactionId).isEmpty(), "a follow-up to " + interactionId);
    JsonNode followup = discord.followups(interactionId).get(0);
    assertThat(followup.path("flags").asInt() & 64).as("ephemeral flag").isEqualTo(64);
    return followup.path("content").asText();
  }

  private FakeDiscordState.Callback callback(String interactionId) {
    Await.until(WAIT, () -> discord.callback(interactionId).isPresent(), "the callback of " + interactionId);
    FakeDiscordState.Callback callback = discord.callback(interactionId).orElseThrow();
    Duration ack = Duration.between(callback.dispatchedAt(), callback.at());
    System.out.println("interaction " + interactionId + " acknowledged in " + ack.toMillis() + " ms");
    assertThat(ack).isLessThan(Duration.ofSeconds(3));
    return callback;
  }

  @Test
  void newMailIsPostedOnceAndTheButtonsFollowTheClaimRules() {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Printer on fire", "It started smoking.");
    String id = ticket.id();
    ObjectNode message = awaitMessage(id, "claim:" + id);
    assertThat(customIds(message)).containsExactly("claim:" + id, "reply:" + id, "link");
    assertThat(message.path("allowed_mentions").path("parse")).isEmpty();
    String messageId = message.get("id").asText();

    String click = discord.click(D1, "ana", messageId, "claim:" + id);
    assertThat(callback(click).type()).isEqualTo(6);
    message = awaitMessage(id, "Claimed by Ana");
    assertThat(customIds(message)).containsExactly("unclaim:" + id, "reply:" + id, "link");
    assertThat(fx.base.ticket(id).owner().memberId()).isEqualTo(ana.id());
    assertThat(fx.base.stores.assignments().history(id)).anySatisfy(e -> assertThat(e.via()).isEqualTo(Via.DISCORD));

    String steal = discord.click(D2, "bo", messageId, "claim:" + id);
    callback(steal);
    assertThat(ephemeralAnswer(steal)).isEqualTo("Ticket is already claimed by ana@example.com");
    String release = discord.click(D2, "bo", messageId, "unclaim:" + id);
    assertThat(ephemeralAnswer(release)).isEqualTo("You can only unclaim your own tickets");
    String stranger = discord.click(STRANGER, "eve", messageId, "unclaim:" + id);
    assertThat(ephemeralAnswer(stranger)).isEqualTo(DiscordMembers.UNKNOWN);
    assertThat(fx.base.ticket(id).owner().memberId()).isEqualTo(ana.id());

    // a change made elsewhere (the API) reaches the message through the chat sync, also one back to a state the
    // message showed before
    fx.base.claims.unclaim(id, ana, Via.API);
    Await.until(WAIT, () -> messageOf(id).map(m -> !m.toString().contains("Claimed by")
        && customIds(m).get(0).equals("claim:" + id)).orElse(false), "the message back to unclaimed");
    fx.base.claims.claim(id, bo, Via.API);
    message = awaitMessage(id, "Claimed by Bo");
    assertThat(customIds(message).get(0)).isEqualTo("unclaim:" + id);
    assertThat(discord.calls("POST", "channels/\\d+/messages")).hasSize(1);
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void theGatewayStopsAndStartsAgainAsALeaseWouldAndClicksWorkAfter() {
    DiscordBot bot = fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Handed over", "lease");
    String messageId = awaitMessage(ticket.id(), "claim:" + ticket.id()).get("id").asText();
    bot.gateway().stop();
    Await.until(WAIT, () -> discord.readyConnections() == 0, "the connection closed");
    bot.gateway().start();
    assertThat(discord.identifies()).isEqualTo(2);
    assertThat(discord.calls("PUT", "applications/\\d+/guilds/\\d+/commands")).hasSize(2);
    callback(discord.click(D1, "ana", messageId, "claim:" + ticket.id()));
    awaitMessage(ticket.id(), "Claimed by Ana");
  }

  @Test
  void aPostWhoseOutcomeWasLostIsFoundInTheChannelByItsTicket() {
    DiscordBot bot = fx.start(SyncFixture.fast(), null);
    java.time.Instant before = java.time.Instant.now().minusSeconds(60);
    EmailThread ticket = fx.base.mail("carla@example.net", "Lost post", "where did it go");
    String messageId = awaitMessage(ticket.id(), "claim:" + ticket.id()).get("id").asText();
    DiscordChatTarget target = new DiscordChatTarget(bot.gateway(), io.claimdesk.bot.testing.DiscordPayloads.CHANNEL_ID);
    assertThat(target.findPosted(ticket.id(), before)).contains(messageId);
    assertThat(target.findPosted("65a1b2c3d4e5f60718293a4b", before)).isEmpty();
    assertThat(target.findPosted(ticket.id(), java.time.Instant.now().plusSeconds(60))).isEmpty();
    assertThat(discord.calls("GET", "channels/\\d+/messages")).hasSize(3);
  }

  @Test
  void replyOpensTheModalAndItsSubmissionSendsTheMailAndClaims() {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Refund", "Where is my **refund**? @everyone");
    String id = ticket.id();
    String messageId = awaitMessage(id, "reply:" + id).get("id").asText();

    String open = discord.click(D1, "ana", messageId, "reply:" + id);
    FakeDiscordState.Callback modal = callback(open);
    assertThat(modal.type()).isEqualTo(9);
    assertThat(modal.data().path("custom_id").asText()).isEqualTo("reply_modal:" + id);
    String shown = modal.data().path("components").toString();
    assertThat(shown).contains("Where is my \\\\*\\\\*refund\\\\*\\\\*? @\u200Beveryone");
    JsonNode input = modal.data().path("components").get(1).path("component");
    assertThat(input.path("custom_id").asText()).isEqualTo("body");
    assertThat(input.path("style").asInt()).isEqualTo(2);
    assertThat(input.path("max_length").asInt()).isEqualTo(4000);

    String submit = discord.submitModal(D1, "ana", "reply_modal:" + id, "body", "It is on its way.");
    assertThat(callback(submit).type()).isEqualTo(5);
    Await.until(WAIT, () -> !discord.calls("PATCH", "webhooks/\\d+/token-" + submit + "/messages/@original")
        .isEmpty(), "the outcome");
    assertThat(discord.calls("PATCH", "webhooks/\\d+/token-" + submit + "/messages/@original").get(0).body()
        .path("content").asText()).isEqualTo("✅ Reply sent to carla@example\\.net. You own this ticket.");
    assertThat(fx.mailed).hasSize(1);
    assertThat(fx.mailed.get(0).body()).isEqualTo("It is on its way.");
    assertThat(fx.base.ticket(id).owner().memberId()).isEqualTo(ana.id());
    awaitMessage(id, "Claimed by Ana");

    // Bo cannot reply to Ana's ticket, and a stranger cannot reply at all: told privately, no modal
    FakeDiscordState.Callback refused = callback(discord.click(D2, "bo", messageId, "reply:" + id));
    assertThat(refused.type()).isEqualTo(4);
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.data().path("content").asText()).isEqualTo("Ticket is already claimed by ana@example.com");
    FakeDiscordState.Callback stranger = callback(discord.click(STRANGER, "eve", messageId, "reply:" + id));
    assertThat(stranger.ephemeral()).isTrue();
    assertThat(stranger.data().path("content").asText()).isEqualTo(DiscordMembers.UNKNOWN);
    assertThat(fx.mailed).hasSize(1);
  }

  @Test
  void slashCommandsAreRegisteredAndAnswerPrivately() {
    fx.start(SyncFixture.fast(), user -> "https://desk.example.com/dashboard/link-discord/once-" + user);
    List<String> names = new ArrayList<>();
    discord.guildCommands().forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("tickets", "available", "away", "link", "Add note");
    assertThat(discord.guildCommands().get(4).path("type").asInt()).isEqualTo(3); // a message command

    EmailThread old = fx.base.mail("a@example.net", "First", "one");
    EmailThread mine = fx.base.mail("b@example.net", "Second", "two");
    fx.base.claims.claim(mine.id(), ana, Via.API);

    String away = discord.slashCommand(D1, "ana", "away");
    assertThat(callback(away).type()).isEqualTo(5);
    assertThat(callback(away).ephemeral()).isTrue();
    Await.until(WAIT, () -> fx.base.stores.team().find(ana.id()).orElseThrow().availability()
        == Availability.AWAY, "ana away");
    discord.slashCommand(D1, "ana", "available");
    Await.until(WAIT, () -> fx.base.stores.team().find(ana.id()).orElseThrow().availability()
        == Availability.ONLINE, "ana available");

    String list = discord.slashCommand(D1, "ana", "tickets");
    Await.until(WAIT, () -> !discord.calls("PATCH", "webhooks/\\d+/token-" + list + "/messages/@original")
        .isEmpty(), "the list");
    JsonNode answer = discord.calls("PATCH", "webhooks/\\d+/token-" + list + "/messages/@original").get(0).body();
    assertThat(answer.path("embeds").path(0).path("fields").path(0).path("value").asText()).contains("Second");
    assertThat(answer.path("embeds").path(0).path("fields").path(1).path("value").asText()).contains("#1 First");
    assertThat(answer.path("components").path(0).path("components").path(0).path("custom_id").asText())
        .isEqualTo("claim:" + old.id());

    String link = discord.slashCommand(STRANGER, "eve", "link");
    Await.until(WAIT, () -> !discord.calls("PATCH", "webhooks/\\d+/token-" + link + "/messages/@original")
        .isEmpty(), "the link");
    assertThat(discord.calls("PATCH", "webhooks/\\d+/token-" + link + "/messages/@original").get(0).body()
        .path("content").asText()).endsWith("https://desk.example.com/dashboard/link-discord/once-" + STRANGER);

    String strangerList = discord.slashCommand(STRANGER, "eve", "tickets");
    assertThat(ephemeralAnswer(strangerList)).isEqualTo(DiscordMembers.UNKNOWN);
  }
}
