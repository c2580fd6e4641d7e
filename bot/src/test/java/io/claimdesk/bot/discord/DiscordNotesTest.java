package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeDiscordState;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through JDA and the fake gateway: the message command "Add note" on a ticket's message opens the note modal and
 * its submission stores an internal note (nothing mailed, nothing claimed); the reply modal offers saved replies.
 */
class DiscordNotesTest extends LinkedDiscordTest {
  private String messageIdOf(String threadId) {
    Await.until(WAIT, () -> discord.messages().stream().anyMatch(m -> m.toString().contains("reply:" + threadId)),
        "the message of " + threadId);
    return discord.messages().stream().filter(m -> m.toString().contains("reply:" + threadId)).findFirst()
        .orElseThrow().get("id").asText();
  }

  private FakeDiscordState.Callback callback(String interactionId) {
    Await.until(WAIT, () -> discord.callback(interactionId).isPresent(), "the callback of " + interactionId);
    return discord.callback(interactionId).orElseThrow();
  }

  private String outcome(String interactionId) {
    String path = "webhooks/\\d+/token-" + interactionId + "/messages/@original";
    Await.until(WAIT, () -> !discord.calls("PATCH", path).isEmpty(), "the outcome of " + interactionId);
    return discord.calls("PATCH", path).get(0).body().path("content").asText();
  }

  @Test
  void addNoteOnATicketMessageShouldStoreAnInternalNoteThatClaimsAndMailsNothing() {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Refund", "Where is my refund?");
    fx.base.claims.claim(ticket.id(), ana, Via.API);
    String messageId = messageIdOf(ticket.id());

    String open = discord.messageCommand(D2, "bo", "Add note", messageId);
    FakeDiscordState.Callback modal = callback(open);
    assertThat(modal.type()).isEqualTo(9);
    assertThat(modal.data().path("custom_id").asText()).isEqualTo("note_modal:" + ticket.id());
    JsonNode input = modal.data().path("components").get(0).path("component");
    assertThat(input.path("custom_id").asText()).isEqualTo("note");
    assertThat(input.path("style").asInt()).isEqualTo(2);

    String submit = discord.submitModal(D2, "bo", "note_modal:" + ticket.id(), "note", "Carla called: VIP customer");
    assertThat(callback(submit).type()).isEqualTo(5);
    assertThat(callback(submit).ephemeral()).isTrue();
    assertThat(outcome(submit)).isEqualTo("📝 Internal note added to **Refund**. The customer does not see it.");
    List<ThreadMessage> messages = fx.base.stores.tickets().messages(ticket.id());
    assertThat(messages).extracting(ThreadMessage::direction)
        .containsExactly(ThreadMessage.Direction.INBOUND, ThreadMessage.Direction.NOTE);
    assertThat(messages.get(1).text()).isEqualTo("Carla called: VIP customer");
    assertThat(messages.get(1).authorMemberId()).isEqualTo(bo.id());
    assertThat(fx.base.ticket(ticket.id()).owner().memberId()).isEqualTo(ana.id());
    assertThat(fx.mailed).isEmpty();
  }

  @Test
  void addNoteBySomeoneOffTheTeamShouldBeRefusedPrivatelyWithNothingStored() {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Refund", "Where is my refund?");
    String messageId = messageIdOf(ticket.id());
    String stranger = discord.messageCommand("700000000000000009", "eve", "Add note", messageId);
    FakeDiscordState.Callback refused = callback(stranger);
    assertThat(refused.type()).isEqualTo(4);
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.data().path("content").asText()).isEqualTo(DiscordMembers.UNKNOWN);
    assertThat(fx.base.stores.tickets().messages(ticket.id())).hasSize(1);
  }

  @Test
  void theReplyModalShouldOfferSavedRepliesAndSendTheChosenOne() {
    SavedReply refund = fx.base.stores.savedReplies().create("Refund sent", "Your refund is on its way.", ana.id(),
        Instant.now());
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("carla@example.net", "Refund", "Where is my refund?");
    String messageId = messageIdOf(ticket.id());

    FakeDiscordState.Callback modal = callback(discord.click(D1, "ana", messageId, "reply:" + ticket.id()));
    assertThat(modal.type()).isEqualTo(9);
    JsonNode select = modal.data().path("components").get(1).path("component");
    assertThat(select.path("type").asInt()).isEqualTo(3);
    assertThat(select.path("custom_id").asText()).isEqualTo("saved");
    assertThat(select.path("options").get(0).path("label").asText()).isEqualTo("Refund sent");
    assertThat(select.path("options").get(0).path("value").asText()).isEqualTo(refund.id());
    JsonNode body = modal.data().path("components").get(2).path("component");
    assertThat(body.path("custom_id").asText()).isEqualTo("body");
    assertThat(body.path("required").asBoolean()).isFalse();

    String submit = discord.submitModalWithSelect(D1, "ana", "reply_modal:" + ticket.id(), "saved",
        List.of(refund.id()), "body", "Thanks for waiting.");
    assertThat(outcome(submit)).isEqualTo("✅ Reply sent to carla@example\\.net. You own this ticket.");
    assertThat(fx.mailed).hasSize(1);
    assertThat(fx.mailed.get(0).body()).isEqualTo("Your refund is on its way.\n\nThanks for waiting.");
  }
}
