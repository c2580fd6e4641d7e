package io.claimdesk.app;

import static io.claimdesk.app.SlackAppHarness.CHANNEL;
import static io.claimdesk.app.SlackAppHarness.JSON;
import static io.claimdesk.app.SlackAppHarness.SECRET;
import static io.claimdesk.app.SlackAppHarness.WAIT;
import static io.claimdesk.app.SlackAppHarness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack app inside the running claimdesk, configured by the environment: requests signed exactly as Slack signs
 * them go to {@code POST /slack/events}, the Web API is the fake on loopback ({@code SLACK_API_URL}), mail comes in
 * through the raw ingest endpoint and replies leave through GreenMail's SMTP.
 */
class SlackAppTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dataDir;
  private final SlackSigner signer = new SlackSigner(SECRET);
  private SlackAppHarness desk;
  private FakeSlackApi slack;

  @BeforeEach
  void start() throws Exception {
    desk = SlackAppHarness.start(dataDir, env -> env.putAll(SlackAppHarness.smtp(GREEN_MAIL.getSmtp().getPort())));
    slack = desk.slack();
    // Ana is linked by her Slack user id; Ben only by the email of his Slack profile
    desk.member("U0ANA",
        "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    desk.member("U0BEN",
        "{\"name\":\"Ben\",\"email\":\"ben@example.com\",\"role\":\"agent\",\"password\":\"ben-password-1\"}");
    slack.addUser("U0BEN", "ben@example.com", "Ben Okafor");
  }

  @AfterEach
  void stop() {
    desk.close();
  }

  @Test
  void ticketMessageFollowsClaimsFromSlackTheApiAndTheDashboard() throws Exception {
    String id = desk.ingest("vpn-1", "Dev Patel <dev@example.org>", "VPN keeps dropping",
        "Every ten minutes. @channel");
    Await.until(WAIT, () -> slack.calls("chat.postMessage").size() == 1, "the ticket posted");
    String blocks = slack.calls("chat.postMessage").get(0).params().get("blocks");
    assertThat(blocks).contains("New email to support@example.com", "Dev Patel", "dev@example.org",
        "VPN keeps dropping", "Every ten minutes.", "Open", "\"action_id\":\"claim\"", "\"action_id\":\"reply\"",
        "https://desk.example.com/dashboard/tickets/" + id + "/reply", "Click here to reply")
        .doesNotContain("@channel");
    String ts = slack.messages(CHANNEL).get(0).ts();

    assertThat(desk.click("U0ANA", "claim", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> desk.message(ts).contains("Claimed by *Ana*"), "the message shows Ana");
    assertThat(desk.message(ts)).contains("\"action_id\":\"unclaim\"");

    assertThat(desk.click("U0BEN", "claim", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Ben is answered");
    FakeSlackApi.Call answer = slack.calls("response_url").get(0);
    assertThat(answer.params().get("text")).isEqualTo("Ticket is already claimed by ana@example.com");
    assertThat(answer.params().get("response_type")).isEqualTo("ephemeral");
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(slack.calls("users.info")).hasSize(1); // Ben was looked up once, by email, and linked

    String ana = desk.token("U0ANA");
    assertThat(desk.post("/api/emails/unclaim", bearer(ana), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);
    Await.until(WAIT, () -> !desk.message(ts).contains("Claimed by"), "the API unclaim reaches Slack");
    desk.dashboardClaim("ben@example.com", "ben-password-1", id);
    Await.until(WAIT, () -> desk.message(ts).contains("Claimed by *Ben*"), "Ben's dashboard claim reaches Slack");
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("ben@example.com");
    assertThat(slack.calls("users.info")).hasSize(1);
    assertThat(slack.calls("chat.postMessage")).hasSize(1);

    HttpResponse<String> metrics = desk.get("/metrics", Map.of());
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body()).contains("# TYPE claimdesk_chat_posts_total counter",
        "claimdesk_chat_posts_total{target=\"slack:C0SUPPORT\"} 1.0\n", "claimdesk_database_up 1.0\n",
        "claimdesk_chat_queued{target=\"slack:C0SUPPORT\"} ");
    assertThat(metrics.body()).containsPattern("claimdesk_chat_updates_total\\{target=\"slack:C0SUPPORT\"\\} [3-9]");
    // Slack's servlet sits beside the routes, and is timed with them
    assertThat(metrics.body()).containsPattern(
        "claimdesk_http_requests_seconds_count\\{method=\"POST\",route=\"/slack/events\",status=\"2xx\"\\} [1-9]");
  }

  @Test
  void replyModalSendsTheMailClaimsTheTicketAndRefusesTheNextReplier() throws Exception {
    String id = desk.ingest("printer-1", "Mia <mia@example.org>", "Printer jams", "Page 3 always jams.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String ts = slack.messages(CHANNEL).get(0).ts();

    assertThat(desk.click("U0ANA", "reply", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the modal opened");
    assertThat(slack.calls("views.open").get(0).params().get("view"))
        .contains("reply_modal", "Page 3 always jams.", id);

    HttpResponse<String> sent = desk.signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0ANA",
        "reply_modal", id, "V1", "reply", "body", "Please try the manual feed.")), Map.of());
    assertThat(JSON.readTree(sent.body()).path("response_action").asText()).isEqualTo("update");
    Await.until(WAIT, () -> GREEN_MAIL.getReceivedMessages().length == 1, "the reply sent");
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("mia@example.org");
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getContent().toString()).contains("Please try the manual feed.");
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    Await.until(WAIT, () -> slack.calls("views.update").stream()
        .anyMatch(c -> c.params().get("view").contains("Reply sent")), "the modal shows the outcome");
    Await.until(WAIT, () -> desk.message(ts).contains("Claimed by *Ana*"), "the message shows Ana");

    // Ben opened the form before Ana sent: his submission is refused inside the modal and nothing is sent
    HttpResponse<String> blocked = desk.signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0BEN",
        "reply_modal", id, "V2", "reply", "body", "Try turning it off")), Map.of());
    JsonNode errors = JSON.readTree(blocked.body());
    assertThat(errors.path("response_action").asText()).isEqualTo("errors");
    assertThat(errors.path("errors").path("reply").asText()).isEqualTo("Ticket is already claimed by ana@example.com");
    Thread.sleep(500);
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
  }

  @Test
  void forgedStaleAndFutureRequestsAreRefusedAndChangeNothing() throws Exception {
    String id = desk.ingest("sec-1", "Eve <eve@example.org>", "Hello", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("x"), "forged-1"));
    long now = Instant.now().getEpochSecond();
    Map<String, String> forged = new LinkedHashMap<>(signer.headers(body, now));
    forged.put(SlackSigner.SIGNATURE_HEADER, new SlackSigner("not-the-secret").signature(body, now));
    assertThat(desk.raw(body, forged).statusCode()).isEqualTo(401);
    assertThat(desk.raw(body, signer.headers(body, now - 600)).statusCode()).isEqualTo(401);
    assertThat(desk.raw(body, signer.headers(body, now + 600)).statusCode()).isEqualTo(401);
    assertThat(desk.raw(body, Map.of()).statusCode()).isEqualTo(401);
    Thread.sleep(300);
    assertThat(desk.ticket(id).path("assignedTo").isNull()).isTrue();
    assertThat(desk.ticket(id).path("history")).isEmpty();
  }

  @Test
  void malformedOversizedAndUnknownInputGetClearAnswersAndChangeNothing() throws Exception {
    String id = desk.ingest("bad-1", "Zed <zed@example.org>", "Bad input", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    assertThat(desk.signed("payload=%7Bnot-json", Map.of()).statusCode()).isEqualTo(400);
    String huge = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("big"), "x".repeat(600_000)));
    assertThat(desk.signed(huge, Map.of()).statusCode()).isEqualTo(413);

    assertThat(desk.click("U0ANA", "claim", "000000000000000000000000", "1.0").statusCode()).isEqualTo(200);
    assertThat(desk.click("U0NOBODY", "claim", id, "1.0").statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> slack.calls("response_url").size() == 2, "both answered");
    assertThat(slack.calls("response_url")).extracting(c -> c.params().get("text"))
        .containsExactlyInAnyOrder("Ticket not found", "Your Slack account is not linked to a claimdesk team member. "
            + "Ask an admin to add you to the team with the email address of your Slack profile or with your Slack "
            + "member ID.");
    assertThat(desk.ticket(id).path("assignedTo").isNull()).isTrue();
    assertThat(desk.ticket(id).path("history")).isEmpty();
  }

  @Test
  void aRetriedDeliveryOfAnAppliedClickChangesNothing() throws Exception {
    String id = desk.ingest("retry-1", "Kim <kim@example.org>", "Retry me", "Text");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String body = SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "claim", id, CHANNEL, "1.0",
        slack.responseUrl("r"), "trigger-retry-1"));
    assertThat(desk.signed(body, Map.of()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> "ana@example.com".equals(desk.ticket(id).path("assignedToEmail").asText()), "claimed");
    assertThat(desk.post("/api/emails/unclaim", bearer(desk.token("U0ANA")), "{\"threadId\":\"" + id + "\"}")
        .statusCode()).isEqualTo(200);
    // Slack did not see the first ack in time and delivers the same click again
    assertThat(desk.signed(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
        .statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(desk.ticket(id).path("assignedTo").isNull()).isTrue();
  }

  @Test
  void ticketsCommandListsMineAndUnassignedWithClaimButtons() throws Exception {
    String mine = desk.ingest("list-1", "A <a@example.org>", "Mine to do", "Text");
    String open = desk.ingest("list-2", "B <b@example.org>", "Nobody has this", "Text");
    desk.post("/api/emails/claim", bearer(desk.token("U0ANA")), "{\"threadId\":\"" + mine + "\"}");
    String form = SlackPayloads.slashCommand("U0ANA", "ana", CHANNEL, "/tickets", "", slack.responseUrl("cmd"),
        "trigger-cmd-1");
    assertThat(desk.signed(form, Map.of()).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "answered");
    String answer = slack.calls("response_url").get(0).body();
    assertThat(answer).contains("ephemeral", "Mine to do", "Nobody has this", "\"claim\"", open);
  }
}
