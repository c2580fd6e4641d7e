package io.claimdesk.app;

import static io.claimdesk.app.SlackAppHarness.CHANNEL;
import static io.claimdesk.app.SlackAppHarness.JSON;
import static io.claimdesk.app.SlackAppHarness.WAIT;
import static io.claimdesk.app.SlackAppHarness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackPayloads;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reassign from Slack in the running app, with interactions signed as Slack signs them and the Web API faked on
 * loopback: the ticket message's overflow menu opens the members modal for a manager, its submission reassigns
 * ({@code via: slack}) and the channel message shows the new owner; an agent is refused with the rule's text.
 */
class SlackReassignAppTest {
  @TempDir
  Path dataDir;
  private final Map<String, String> ids = new LinkedHashMap<>();
  private SlackAppHarness desk;
  private FakeSlackApi slack;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    desk = SlackAppHarness.start(dataDir);
    slack = desk.slack();
    admin = desk.admin();
    member("U0ANA", "{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0ANA\"}");
    member("U0BO", "{\"name\":\"Bo\",\"email\":\"bo@example.com\",\"role\":\"agent\",\"slackUserId\":\"U0BO\"}");
    member("U0MIA", "{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"role\":\"manager\",\"slackUserId\":\"U0MIA\"}");
  }

  @AfterEach
  void stop() {
    desk.close();
  }

  @Test
  void aManagerShouldReassignFromTheMessageMenuAndAnAgentBeRefused() throws Exception {
    String id = desk.ingest("reassign-1", "Dev Patel <dev@example.org>", "VPN keeps dropping",
        "Every ten minutes.");
    Await.until(WAIT, () -> slack.messages(CHANNEL).size() == 1, "the ticket posted");
    String ts = slack.messages(CHANNEL).get(0).ts();
    assertThat(desk.message(ts)).contains("\"type\":\"overflow\"", "\"action_id\":\"ticket_menu\"",
        "\"value\":\"reassign:" + id + "\"");
    assertThat(desk.post("/api/emails/claim", bearer(admin), "{\"threadId\":\"" + id + "\"}").statusCode())
        .isEqualTo(200);
    Await.until(WAIT, () -> desk.message(ts).contains("Claimed by *"), "the message shows the admin");

    assertThat(choose("U0ANA", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("response_url").isEmpty(), "Ana is answered");
    FakeSlackApi.Call refusal = slack.calls("response_url").get(0);
    assertThat(refusal.params().get("text")).isEqualTo("Only managers can reassign tickets");
    assertThat(refusal.params().get("response_type")).isEqualTo("ephemeral");
    assertThat(slack.calls("views.open")).isEmpty();

    assertThat(choose("U0MIA", id, ts).statusCode()).isEqualTo(200);
    Await.until(WAIT, () -> !slack.calls("views.open").isEmpty(), "the modal opened for Mia");
    JsonNode view = JSON.readTree(slack.calls("views.open").get(0).params().get("view"));
    assertThat(view.path("callback_id").asText()).isEqualTo("reassign_modal");
    assertThat(view.path("private_metadata").asText()).isEqualTo(id);
    JsonNode select = view.path("blocks").path(1).path("element");
    assertThat(select.path("type").asText()).isEqualTo("static_select");
    List<String> options = new ArrayList<>();
    select.path("options").forEach(o -> options.add(o.path("text").path("text").asText() + "="
        + o.path("value").asText()));
    assertThat(options).containsExactlyInAnyOrder("Ana=" + ids.get("U0ANA"), "Bo=" + ids.get("U0BO"),
        "Mia=" + ids.get("U0MIA"), "Admin=" + desk.ticket(id).path("assignedTo").asText());

    // the same submission by an agent (forged: she never got the modal) is refused inside the modal
    HttpResponse<String> forged = submit("U0ANA", id, ids.get("U0ANA"));
    assertThat(JSON.readTree(forged.body()).path("errors").path("reassign").asText())
        .isEqualTo("Only managers can reassign tickets");
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("admin@example.com");

    HttpResponse<String> done = submit("U0MIA", id, ids.get("U0BO"));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).isEmpty();
    assertThat(desk.ticket(id).path("assignedToEmail").asText()).isEqualTo("bo@example.com");
    Await.until(WAIT, () -> desk.message(ts).contains("Claimed by *Bo*"), "the message shows Bo");
    String csv = desk.get("/api/assignment-events?format=csv", bearer(admin)).body();
    assertThat(csv.lines().filter(l -> l.contains(id) && l.contains(",reassigned,")))
        .containsExactly(csv.lines().filter(l -> l.contains(",reassigned,")).findFirst().orElseThrow())
        .singleElement().satisfies(l -> assertThat(l).endsWith(",mia@example.com,admin@example.com,bo@example.com,slack"));
  }

  /** The overflow menu's "Reassign…" chosen on the ticket message, as Slack posts it. */
  private HttpResponse<String> choose(String user, String threadId, String ts) throws Exception {
    JsonObject payload = JsonParser.parseString(SlackPayloads.blockAction(user, "ticket_menu", null, CHANNEL, ts,
        slack.responseUrl(user + "-menu"), desk.trigger())).getAsJsonObject();
    JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
    action.addProperty("type", "overflow");
    JsonObject option = new JsonObject();
    JsonObject text = new JsonObject();
    text.addProperty("type", "plain_text");
    text.addProperty("text", "Reassign…");
    option.add("text", text);
    option.addProperty("value", "reassign:" + threadId);
    action.add("selected_option", option);
    return desk.signed(SlackSigner.interactionBody(payload.toString()));
  }

  /** The reassign modal submitted with {@code memberId} chosen in its select. */
  private HttpResponse<String> submit(String user, String threadId, String memberId) throws Exception {
    JsonObject payload = JsonParser.parseString(SlackPayloads.viewSubmission(user, "reassign_modal", threadId,
        "V0REASSIGN", "reassign", "member", "x")).getAsJsonObject();
    JsonObject input = payload.getAsJsonObject("view").getAsJsonObject("state").getAsJsonObject("values")
        .getAsJsonObject("reassign").getAsJsonObject("member");
    input.remove("value");
    input.addProperty("type", "static_select");
    JsonObject selected = new JsonObject();
    selected.addProperty("value", memberId);
    input.add("selected_option", selected);
    return desk.signed(SlackSigner.interactionBody(payload.toString()));
  }

  private void member(String slackUser, String json) throws Exception {
    ids.put(slackUser, desk.member(slackUser, json).path("_id").asText());
  }
}
