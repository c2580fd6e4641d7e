package io.claimdesk.app;

import static io.claimdesk.app.SlackAppHarness.CHANNEL;
import static io.claimdesk.app.SlackAppHarness.WAIT;
import static io.claimdesk.app.SlackAppHarness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim made anywhere but Discord reaches the ticket's one Discord message: claimdesk runs with Slack (the fake
 * Web API, signed requests to {@code /slack/events}) and Discord (the fake REST and gateway) on; one ticket is
 * claimed on the dashboard, one by a Slack Claim click, one through the JSON API, and each Discord message is edited
 * to show its claimer and an Unclaim button, none posted twice.
 */
class DiscordClaimElsewhereAppTest {
  private static final String DISCORD_TOKEN = "discord-bot-token-for-tests";

  @TempDir
  Path dataDir;
  private FakeDiscord discord;
  private SlackAppHarness desk;
  private FakeSlackApi slack;

  @BeforeEach
  void start() throws Exception {
    discord = FakeDiscord.start(DISCORD_TOKEN);
    desk = SlackAppHarness.start(dataDir, env -> env.putAll(Map.of(
        "DISCORD_BOT_TOKEN", DISCORD_TOKEN,
        "DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID,
        "DISCORD_API_URL", discord.apiUrl())));
    slack = desk.slack();
    Await.until(Duration.ofSeconds(30), () -> discord.readyConnections() == 1, "the gateway connected");
    desk.member("ana", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    desk.member("ben",
        "{\"name\":\"Ben\",\"email\":\"ben@example.com\",\"role\":\"agent\",\"password\":\"ben-password-1\"}");
    desk.member("cy", "{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"role\":\"agent\"}");
  }

  @AfterEach
  void stop() {
    desk.close();
    discord.close();
  }

  @Test
  void claimsOnTheDashboardInSlackAndThroughTheApiEachEditTheDiscordMessage() throws Exception {
    String onDashboard = ingest("web-1", "Web ticket");
    String inSlack = ingest("slack-1", "Slack ticket");
    String byApi = ingest("api-1", "API ticket");
    for (String id : List.of(onDashboard, inSlack, byApi)) {
      Await.until(WAIT, () -> discordMessage(id).map(m -> m.toString().contains("claim:" + id)).orElse(false),
          "the Discord message of " + id);
    }
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 3, "the Slack messages");

    desk.dashboardClaim("ben@example.com", "ben-password-1", onDashboard);
    JsonNode edit = awaitEdit(onDashboard, "Ben");
    System.out.println("dashboard claim → Discord edit: " + edit.path("embeds").path(0).path("fields"));

    String ts = slack.messages(CHANNEL).stream()
        .filter(m -> m.blocksJson() != null && m.blocksJson().contains(inSlack)).findFirst().orElseThrow().ts();
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", inSlack, CHANNEL, ts,
        slack.responseUrl("U0ANA-claim"), "trigger-1"));
    HttpResponse<String> click = desk.signed(body);
    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
    awaitEdit(inSlack, "Ana");

    HttpResponse<String> claimed = desk.post("/api/emails/claim", bearer(desk.token("cy")),
        "{\"threadId\":\"" + byApi + "\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    awaitEdit(byApi, "Cy");

    assertThat(desk.ticket(onDashboard).path("assignedToEmail").asText()).isEqualTo("ben@example.com");
    assertThat(desk.ticket(inSlack).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(desk.ticket(byApi).path("assignedToEmail").asText()).isEqualTo("cy@example.com");
    Thread.sleep(1_000); // a second post, if the sync made one, would show now
    assertThat(discord.calls("POST", "channels/\\d+/messages")).as("Discord posts").hasSize(3);
    assertThat(discord.messages()).hasSize(3);
    assertThat(slack.calls("chat.postMessage")).as("Slack posts").hasSize(3);
  }

  /**
   * Waits for a successful PATCH of the ticket's Discord message that shows {@code name} as the claimer, and checks
   * its first button is Unclaim; the edit's body.
   */
  private JsonNode awaitEdit(String threadId, String name) {
    String messageId = discordMessage(threadId).orElseThrow().get("id").asText();
    String path = "channels/\\d+/messages/" + messageId;
    Await.until(WAIT, () -> discord.calls("PATCH", path).stream()
        .anyMatch(c -> c.status() == 200 && c.body().toString().contains("Claimed by " + name)),
        "the Discord message of " + threadId + " edited to show " + name);
    JsonNode edit = discord.calls("PATCH", path).stream()
        .filter(c -> c.status() == 200 && c.body().toString().contains("Claimed by " + name)).findFirst()
        .orElseThrow().body();
    JsonNode buttons = edit.path("components").path(0).path("components");
    assertThat(buttons.path(0).path("custom_id").asText()).isEqualTo("unclaim:" + threadId);
    assertThat(buttons.toString()).doesNotContain("\"claim:" + threadId);
    assertThat(buttons.path(1).path("custom_id").asText()).isEqualTo("reply:" + threadId);
    return edit;
  }

  private Optional<ObjectNode> discordMessage(String threadId) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

  private String ingest(String key, String subject) throws Exception {
    return desk.ingest(key, "Customer <customer@example.org>", subject, "Hello.");
  }
}
