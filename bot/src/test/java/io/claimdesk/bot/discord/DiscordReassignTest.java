package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordFixture;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.bot.testing.FakeDiscordState;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reassign from Discord through the fake gateway and REST: the ticket message's Reassign button, the managers' menu
 * of members, the choice reassigning the ticket ({@code via: discord}), and agents refused with the rule's text.
 */
class DiscordReassignTest {
  private static final String D_ANA = "700000000000000011";
  private static final String D_MIA = "700000000000000013";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private DiscordFixture fx;
  private FakeDiscord discord;
  private TeamMember ana;
  private TeamMember bo;
  private TeamMember mia;

  @BeforeEach
  void setUp() {
    fx = new DiscordFixture();
    discord = fx.discord;
    ana = fx.linkedMember("Ana", Role.AGENT, D_ANA);
    bo = fx.base.member("Bo", Role.AGENT);
    mia = fx.linkedMember("Mia", Role.MANAGER, D_MIA);
    fx.start(SyncFixture.fast(), null);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

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

  private FakeDiscordState.Callback callback(String interactionId) {
    Await.until(WAIT, () -> discord.callback(interactionId).isPresent(), "the callback of " + interactionId);
    return discord.callback(interactionId).orElseThrow();
  }

  private String followup(String interactionId) {
    Await.until(WAIT, () -> !discord.followups(interactionId).isEmpty(), "a follow-up to " + interactionId);
    JsonNode followup = discord.followups(interactionId).get(0);
    assertThat(followup.path("flags").asInt() & 64).as("ephemeral flag").isEqualTo(64);
    return followup.path("content").asText();
  }

  @Test
  void aManagerShouldReassignThroughTheMenuAndAgentsBeRefused() {
    String id = fx.base.mail("carla@example.net", "Printer on fire", "It started smoking.").id();
    fx.base.claims.claim(id, ana, Via.API);
    ObjectNode message = awaitMessage(id, "Claimed by Ana");
    // the first row is unchanged (Unclaim, Reply, link); Reassign is the second row's one button
    assertThat(message.path("components")).hasSize(2);
    assertThat(message.path("components").path(0).path("components")).hasSize(3);
    JsonNode reassignButton = message.path("components").path(1).path("components").path(0);
    assertThat(reassignButton.path("custom_id").asText()).isEqualTo("reassign:" + id);
    assertThat(reassignButton.path("label").asText()).isEqualTo("Reassign…");
    String messageId = message.get("id").asText();

    String byAgent = discord.click(D_ANA, "ana", messageId, "reassign:" + id);
    FakeDiscordState.Callback refused = callback(byAgent);
    assertThat(refused.type()).isEqualTo(4);
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.data().path("content").asText()).isEqualTo("Only managers can reassign tickets");
    assertThat(refused.data().path("components")).isEmpty();

    String byManager = discord.click(D_MIA, "mia", messageId, "reassign:" + id);
    FakeDiscordState.Callback menu = callback(byManager);
    assertThat(menu.type()).isEqualTo(4);
    assertThat(menu.ephemeral()).isTrue();
    assertThat(menu.data().path("content").asText()).isEqualTo("Reassign “Printer on fire” to:");
    JsonNode select = menu.data().path("components").path(0).path("components").path(0);
    assertThat(select.path("type").asInt()).isEqualTo(3);
    assertThat(select.path("custom_id").asText()).isEqualTo("reassign_pick:" + id);
    List<String> values = new ArrayList<>();
    select.path("options").forEach(o -> values.add(o.path("value").asText()));
    assertThat(values).containsExactlyInAnyOrder(ana.id(), bo.id(), mia.id());

    // an agent who sends the menu's choice anyway (a forged interaction) changes nothing
    String forged = discord.select(D_ANA, "ana", byManager, "reassign_pick:" + id, List.of(ana.id()));
    assertThat(callback(forged).type()).isEqualTo(6);
    assertThat(followup(forged)).isEqualTo("Only managers can reassign tickets");

    String pick = discord.select(D_MIA, "mia", byManager, "reassign_pick:" + id, List.of(bo.id()));
    assertThat(callback(pick).type()).isEqualTo(6);
    assertThat(followup(pick)).isEqualTo("✅ Reassigned “Printer on fire” to Bo.");
    assertThat(fx.base.ticket(id).owner().memberId()).isEqualTo(bo.id());
    awaitMessage(id, "Claimed by Bo");
    assertThat(fx.base.stores.assignments().history(id)).filteredOn(e -> e.action() == AssignmentAction.REASSIGNED)
        .singleElement().satisfies(e -> {
          assertThat(e.via()).isEqualTo(Via.DISCORD);
          assertThat(e.actorId()).isEqualTo(mia.id());
          assertThat(e.previousOwnerId()).isEqualTo(ana.id());
          assertThat(e.newOwnerId()).isEqualTo(bo.id());
        });
  }
}
