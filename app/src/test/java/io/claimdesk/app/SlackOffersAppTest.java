package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assignment policy's offers in the running claimdesk with Slack configured: a ticket that arrives is offered
 * to the one member online as a direct message, whose Accept, signed as Slack signs it, claims the ticket; the
 * direct message and the channel message then show it.
 */
class SlackOffersAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "slack-signing-secret-for-tests";
  private static final String CHANNEL = "C0SUPPORT";
  private static final String INGEST = "ingest-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @Test
  void anOfferedTicketShouldReachItsMemberInSlackAndTheirAcceptClaimIt(@TempDir Path dataDir) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (FakeSlackApi slack = FakeSlackApi.start();
         Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("PORT", Integer.toString(port),
             "PUBLIC_BASE_URL", "https://desk.example.com", "DATA_DIR", dataDir.toString(),
             "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "admin-password-1", "INGEST_TOKEN", INGEST,
             "SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", SECRET, "SLACK_CHANNEL_ID", CHANNEL,
             "SLACK_API_URL", slack.apiUrl())), 4)) {
      String admin = JSON.readTree(send("POST", "/api/auth/token", null,
          "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
      assertThat(send("POST", "/api/team", admin, "{\"name\":\"Ana\",\"email\":\"ana@example.com\","
          + "\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}").statusCode()).isEqualTo(201);
      send("PUT", "/api/team/me/availability", admin, "{\"availability\":\"away\"}");
      assertThat(send("PUT", "/api/settings/assignment", admin,
          "{\"mode\":\"round_robin\",\"offer\":true,\"offerTimeoutSeconds\":300}").statusCode()).isEqualTo(200);

      String raw = "From: Dev <dev@example.org>\r\nTo: support@example.com\r\nSubject: VPN drops\r\n"
          + "Message-ID: <offer-1@example.org>\r\n\r\nEvery ten minutes.\r\n";
      HttpResponse<String> ingested = http.send(request("/api/ingest/raw", INGEST)
          .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofString(raw)).build(),
          HttpResponse.BodyHandlers.ofString());
      String id = JSON.readTree(ingested.body()).path("threadId").asText();
      String dm = FakeSlackApi.dmChannel("U0ANA");
      Await.until(WAIT, () -> slack.messages(dm).size() == 1, "the offer's direct message");
      FakeSlackApi.Message offer = slack.messages(dm).get(0);
      String offerId = offer.blocksJson()
          .replaceAll("(?s).*\"action_id\":\"offer_accept\",\"value\":\"([0-9a-f]+)\".*", "$1");
      assertThat(offer.blocksJson()).contains("VPN drops", "\"value\":\"" + offerId + "\"", "offer_decline");

      String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "offer_accept", offerId, dm,
          offer.ts(), slack.responseUrl("ana"), "trigger-offer-1"));
      HttpRequest.Builder click = request("/slack/events", null).header("Content-Type",
          "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
      new SlackSigner(SECRET).headers(body).forEach(click::header);
      assertThat(http.send(click.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      Await.until(WAIT, () -> "ana@example.com".equals(ticket(admin, id).path("assignedToEmail").asText()),
          "Ana owns the ticket");
      Await.until(WAIT, () -> slack.messages(dm).get(0).blocksJson().contains("You own this ticket"),
          "the direct message shows the outcome");
      Await.until(WAIT, () -> slack.messages(CHANNEL).stream().anyMatch(m -> m.blocksJson().contains(id)
          && m.blocksJson().contains("Claimed by *Ana*")), "the channel message shows Ana");
      assertThat(slack.calls("response_url")).isEmpty();
    }
  }

  private JsonNode ticket(String token, String id) {
    try {
      return JSON.readTree(send("GET", "/api/emails/tickets/" + id, token, null).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
