package io.claimdesk.app;

import static io.claimdesk.app.SlackAppHarness.CHANNEL;
import static io.claimdesk.app.SlackAppHarness.JSON;
import static io.claimdesk.app.SlackAppHarness.WAIT;
import static io.claimdesk.app.SlackAppHarness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes and saved replies from Slack, inside the running claimdesk: signed requests to {@code POST /slack/events},
 * the Web API on the fake, mail out through GreenMail. The message shortcut {@code add_note} on a ticket's message
 * opens the note modal whose submission stores a note (no mail, no claim); the reply modal offers saved replies.
 */
class SlackNotesAppTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dataDir;
  private SlackAppHarness desk;
  private FakeSlackApi slack;

  @BeforeEach
  void start() throws Exception {
    desk = SlackAppHarness.start(dataDir, env -> env.putAll(SlackAppHarness.smtp(GREEN_MAIL.getSmtp().getPort())));
    slack = desk.slack();
    desk.member("ana",
        "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    desk.member("bo", "{\"name\":\"Bo\",\"email\":\"bo@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0BO\"}");
    desk.member("mia", "{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"role\":\"manager\"}");
  }

  @AfterEach
  void stop() {
    desk.close();
  }

  @Test
  void addNoteShortcutShouldStoreANoteWithoutMailOrClaim() throws Exception {
    String id = desk.ingest("vpn-1", "Dev Patel <dev@example.org>", "VPN keeps dropping", "Every ten minutes.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "the ticket posted");
    String ts = slack.messages(CHANNEL).get(0).ts();
    assertThat(desk.post("/api/emails/claim", bearer(desk.token("ana")), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);

    HttpResponse<String> shortcut = desk.signed(SlackSigner.interactionBody(SlackPayloads.messageShortcut("U0BO",
        "add_note", CHANNEL, ts, slack.responseUrl("bo-note"), desk.trigger())));
    assertThat(shortcut.statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the note modal opened");
    String view = slack.calls("views.open").get(0).params().get("view");
    assertThat(view).contains("\"callback_id\":\"note_modal\"", "\"private_metadata\":\"" + id + "\"",
        "VPN keeps dropping", "\"action_id\":\"note_input\"");

    HttpResponse<String> submitted = desk.signed(SlackSigner.interactionBody(SlackPayloads.viewSubmission("U0BO",
        "note_modal", id, "V1", "note", "note_input", "Dev's VPN client is version 3, known bug")));
    JsonNode answer = JSON.readTree(submitted.body());
    assertThat(answer.path("response_action").asText()).isEqualTo("update");
    assertThat(answer.path("view").toString()).contains("Internal note added to *VPN keeps dropping*");

    JsonNode ticket = desk.ticket(id);
    JsonNode note = ticket.path("messages").get(1);
    assertThat(note.path("direction").asText()).isEqualTo("note");
    assertThat(note.path("text").asText()).isEqualTo("Dev's VPN client is version 3, known bug");
    assertThat(note.path("from").asText()).isEqualTo("bo@example.com");
    assertThat(ticket.path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(GREEN_MAIL.waitForIncomingEmail(1_000, 1)).isFalse();

    // the shortcut on a message that is not a ticket's says so privately, and opens nothing
    desk.signed(SlackSigner.interactionBody(SlackPayloads.messageShortcut("U0BO", "add_note", CHANNEL,
        "1700000000.000001", slack.responseUrl("bo-other"), desk.trigger())));
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Bo is answered");
    assertThat(slack.calls("response_url").get(0).params().get("text"))
        .isEqualTo("This message is not a claimdesk ticket: use *Add note* on a ticket's message.");
    assertThat(slack.calls("views.open")).hasSize(1);
    assertThat(desk.ticket(id).path("messages")).hasSize(2);
  }

  @Test
  void theReplyModalShouldOfferSavedRepliesAndSendTheChosenText() throws Exception {
    HttpResponse<String> saved = desk.post("/api/saved-replies", bearer(desk.token("mia")),
        "{\"title\":\"Restart\",\"body\":\"Please restart the router.\"}");
    assertThat(saved.statusCode()).isEqualTo(201);
    String savedId = JSON.readTree(saved.body()).path("_id").asText();
    String id = desk.ingest("router-1", "Mia Chen <mia@example.org>", "No internet", "Nothing loads.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "posted");
    String ts = slack.messages(CHANNEL).get(0).ts();

    desk.signed(SlackSigner.interactionBody(SlackPayloads.blockAction("U0ANA", "reply", id, CHANNEL, ts,
        slack.responseUrl("ana-reply"), desk.trigger())));
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the reply modal opened");
    JsonNode view = JSON.readTree(slack.calls("views.open").get(0).params().get("view"));
    JsonNode select = view.path("blocks").findParent("options");
    assertThat(select.path("type").asText()).isEqualTo("static_select");
    assertThat(select.path("action_id").asText()).isEqualTo("saved_reply");
    assertThat(select.path("options").get(0).path("text").path("text").asText()).isEqualTo("Restart");
    assertThat(select.path("options").get(0).path("value").asText()).isEqualTo(savedId);

    HttpResponse<String> sent = desk.signed(SlackSigner.interactionBody(SlackPayloads.viewSubmissionWithSelect("U0ANA",
        "reply_modal", id, "V2", "saved", "saved_reply", savedId, "reply", "body", null)));
    assertThat(JSON.readTree(sent.body()).path("response_action").asText()).isEqualTo("update");
    Await.until(WAIT, () -> GREEN_MAIL.getReceivedMessages().length == 1, "the reply sent");
    assertThat(GreenMailUtil.getBody(GREEN_MAIL.getReceivedMessages()[0]))
        .startsWith("Please restart the router.").contains("> Nothing loads.");
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("ana@example.com");
  }
}
