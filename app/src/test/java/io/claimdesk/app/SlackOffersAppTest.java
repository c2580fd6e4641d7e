package io.claimdesk.app;

import static io.claimdesk.app.SlackAppHarness.CHANNEL;
import static io.claimdesk.app.SlackAppHarness.WAIT;
import static io.claimdesk.app.SlackAppHarness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assignment policy's offers in the running claimdesk with Slack configured: a ticket that arrives is offered
 * to the one member online as a direct message, whose Accept, signed as Slack signs it, claims the ticket; the
 * direct message and the channel message then show it.
 */
class SlackOffersAppTest {
  @Test
  void anOfferedTicketShouldReachItsMemberInSlackAndTheirAcceptClaimIt(@TempDir Path dataDir) throws Exception {
    try (SlackAppHarness desk = SlackAppHarness.start(dataDir, env -> env.remove("SUPPORT_ADDRESS"))) {
      FakeSlackApi slack = desk.slack();
      String admin = desk.admin();
      desk.member("ana", "{\"name\":\"Ana\",\"email\":\"ana@example.com\","
          + "\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
      desk.put("/api/team/me/availability", bearer(admin), "{\"availability\":\"away\"}");
      assertThat(desk.put("/api/settings/assignment", bearer(admin),
          "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":300}").statusCode()).isEqualTo(200);

      String id = desk.ingest("offer-1", "Dev <dev@example.org>", "VPN drops", "Every ten minutes.");
      String dm = FakeSlackApi.dmChannel("U0ANA");
      Await.until(WAIT, () -> slack.messages(dm).size() == 1, "the offer's direct message");
      FakeSlackApi.Message offer = slack.messages(dm).get(0);
      String offerId = offer.blocksJson()
          .replaceAll("(?s).*\"action_id\":\"offer_accept\",\"value\":\"([0-9a-f]+)\".*", "$1");
      assertThat(offer.blocksJson()).contains("VPN drops", "\"value\":\"" + offerId + "\"", "offer_decline");

      String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "offer_accept", offerId, dm,
          offer.ts(), slack.responseUrl("ana"), "trigger-offer-1"));
      assertThat(desk.signed(body).statusCode()).isEqualTo(200);

      Await.until(WAIT, () -> "ana@example.com".equals(desk.ticket(id).path("assignedToEmail").asText()),
          "Ana owns the ticket");
      Await.until(WAIT, () -> slack.messages(dm).get(0).blocksJson().contains("You own this ticket"),
          "the direct message shows the outcome");
      Await.until(WAIT, () -> slack.messages(CHANNEL).stream().anyMatch(m -> m.blocksJson().contains(id)
          && m.blocksJson().contains("Claimed by *Ana*")), "the channel message shows Ana");
      assertThat(slack.calls("response_url")).isEmpty();
    }
  }
}
