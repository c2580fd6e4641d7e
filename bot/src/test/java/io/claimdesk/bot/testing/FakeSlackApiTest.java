package io.claimdesk.bot.testing;

import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FakeSlackApiTest {

  private FakeSlackApi fake;
  private Slack slack;
  private MethodsClient methods;

  @BeforeEach
  void setUp() {
    fake = FakeSlackApi.start();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    slack = Slack.getInstance(config);
    methods = slack.methods("xoxb-test");
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
    fake.close();
  }

  @Test
  void authTest() throws Exception {
    assertThat(fake.apiUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/api/");
    AuthTestResponse r = methods.authTest(req -> req);
    assertThat(r.isOk()).isTrue();
    assertThat(r.getTeamId()).isEqualTo("T0001");
    assertThat(r.getUserId()).isEqualTo("UBOT");
    assertThat(r.getBotId()).isEqualTo("B0001");
    FakeSlackApi.Call call = fake.calls("auth.test").get(0);
    assertThat(call.headers()).containsEntry("authorization", "Bearer xoxb-test");
    assertThat(call.status()).isEqualTo(200);
  }

  @Test
  void postMessageWithBlocksAndMetadataThenUpdateAndReadHistory() throws Exception {
    List<LayoutBlock> blocks = asBlocks(section(s -> s.blockId("ticket").text(markdownText("*Claim 42* \"quoted\" & <b>"))));
    Message.Metadata metadata = Message.Metadata.builder()
        .eventType("claimdesk_ticket").eventPayload(Map.of("threadId", "abc")).build();
    String oldest = Long.toString(Instant.now().getEpochSecond() - 1);

    ChatPostMessageResponse posted = methods.chatPostMessage(r -> r
        .channel("C100").text("Claim 42").blocks(blocks).metadata(metadata).unfurlLinks(false));
    assertThat(posted.isOk()).isTrue();
    assertThat(posted.getChannel()).isEqualTo("C100");
    assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
    assertThat(posted.getMessage().getBlocks()).hasSize(1).first().isInstanceOf(SectionBlock.class);
    assertThat(posted.getMessage().getBotId()).isEqualTo("B0001");

    FakeSlackApi.Call call = fake.calls("chat.postMessage").get(0);
    // the SDK sends booleans as 1/0
    assertThat(call.params()).containsEntry("channel", "C100").containsEntry("unfurl_links", "0");
    assertThat(call.params().get("metadata")).contains("claimdesk_ticket").contains("threadId");
    assertThat(fake.postsFor("C100")).isEqualTo(1);
    assertThat(fake.message("C100", posted.getTs())).get()
        .satisfies(m -> assertThat(JsonParser.parseString(m.blocksJson()).getAsJsonArray().get(0)
            .getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
            .isEqualTo("*Claim 42* \"quoted\" & <b>"));

    ChatPostMessageResponse second = methods.chatPostMessage(r -> r.channel("C100").text("Claim 43"));
    assertThat(second.getTs()).isGreaterThan(posted.getTs());

    ChatUpdateResponse updated = methods.chatUpdate(r -> r.channel("C100").ts(posted.getTs())
        .text("Claim 42 (claimed)").blocks(asBlocks(section(s -> s.text(plainText("claimed"))))));
    assertThat(updated.isOk()).isTrue();
    assertThat(updated.getTs()).isEqualTo(posted.getTs());
    assertThat(fake.messages("C100")).extracting(FakeSlackApi.Message::text)
        .containsExactly("Claim 42 (claimed)", "Claim 43");
    assertThat(fake.messages("C100").get(0).blocksJson()).contains("claimed");
    assertThat(fake.messages("C100").get(0).metadataJson()).contains("abc");

    ConversationsHistoryResponse history = methods.conversationsHistory(r -> r
        .channel("C100").oldest(oldest).limit(10).includeAllMetadata(true));
    assertThat(history.isOk()).isTrue();
    assertThat(history.getMessages()).extracting(Message::getTs).containsExactly(second.getTs(), posted.getTs());
    Message first = history.getMessages().get(1);
    assertThat(first.getMetadata().getEventType()).isEqualTo("claimdesk_ticket");
    assertThat(first.getMetadata().getEventPayload()).containsEntry("threadId", "abc");

    ConversationsHistoryResponse withoutMetadata = methods.conversationsHistory(r -> r
        .channel("C100").oldest(posted.getTs()).latest(posted.getTs()));
    assertThat(withoutMetadata.getMessages()).singleElement()
        .satisfies(m -> assertThat(m.getMetadata()).isNull());
  }

  @Test
  void slackLevelErrorsAreOkFalseResponses() throws Exception {
    fake.unknownChannel("CGONE");
    ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel("CGONE").text("x"));
    assertThat(r.isOk()).isFalse();
    assertThat(r.getError()).isEqualTo("channel_not_found");
    ChatUpdateResponse u = methods.chatUpdate(req -> req.channel("C1").ts("1.000001").text("x"));
    assertThat(u.getError()).isEqualTo("message_not_found");
    assertThat(methods.usersInfo(req -> req.user("UNOPE")).getError()).isEqualTo("user_not_found");
    assertThat(fake.calls("chat.postMessage").get(0).status()).isEqualTo(200);

    HttpResponse<String> unauthed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(fake.apiUrl() + "chat.postMessage"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("channel=C1&text=hi")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unauthed.statusCode()).isEqualTo(200);
    assertThat(unauthed.body()).isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");
    HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(fake.apiUrl() + "pins.add")).header("Authorization", "Bearer xoxb-test")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.body()).contains("unknown_method");
  }

  @Test
  void usersViewsEphemeralAndResponseUrl() throws Exception {
    fake.addUser("U1", "ann@example.com", "Ann Agent");
    UsersInfoResponse user = methods.usersInfo(r -> r.user("U1"));
    assertThat(user.getUser().getProfile().getEmail()).isEqualTo("ann@example.com");
    assertThat(user.getUser().getRealName()).isEqualTo("Ann Agent");

    ViewsOpenResponse opened = methods.viewsOpen(r -> r.triggerId("trig-1").view(view(v -> v
        .type("modal").callbackId("claim_note").privateMetadata("ticket-7")
        .title(viewTitle(t -> t.type("plain_text").text("Note"))))));
    assertThat(opened.isOk()).isTrue();
    assertThat(opened.getView().getId()).startsWith("V");
    assertThat(opened.getView().getCallbackId()).isEqualTo("claim_note");
    assertThat(opened.getView().getPrivateMetadata()).isEqualTo("ticket-7");
    assertThat(opened.getView().getHash()).isEqualTo("h1");
    ViewsUpdateResponse updated = methods.viewsUpdate(r -> r.viewId(opened.getView().getId()).view(view(v -> v
        .type("modal").callbackId("claim_note").title(viewTitle(t -> t.type("plain_text").text("Done"))))));
    assertThat(updated.getView().getId()).isEqualTo(opened.getView().getId());
    assertThat(methods.viewsPublish(r -> r.userId("U1").view(view(v -> v.type("home")))).getView().getType())
        .isEqualTo("home");

    assertThat(methods.chatPostEphemeral(r -> r.channel("C1").user("U1").text("only you")).getMessageTs())
        .isNotBlank();
    assertThat(fake.postsFor("C1")).isZero();

    WebhookResponse resp = slack.send(fake.responseUrl("r1"), "{\"text\":\"done\",\"replace_original\":false}");
    assertThat(resp.getCode()).isEqualTo(200);
    assertThat(fake.calls("response_url")).singleElement().satisfies(c -> {
      assertThat(c.params()).containsEntry("text", "done").containsEntry("replace_original", "false");
      assertThat(c.body()).contains("\"done\"");
    });
  }

  /** The SDK throws SlackApiException for any non-2xx answer; status and Retry-After come from getResponse(). */
  @Test
  void rateLimitOnceThrowsSlackApiExceptionWithRetryAfter() throws Exception {
    fake.rateLimitOnce("chat.postMessage", 2);
    SlackApiException e = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("C1").text("hi")));
    assertThat(e).isNotNull();
    assertThat(e.getResponse().code()).isEqualTo(429);
    assertThat(e.getResponse().header("Retry-After")).isEqualTo("2");
    assertThat(e.getError().getError()).isEqualTo("ratelimited");
    assertThat(e.getMessage()).startsWith("status: 429, error: ratelimited");
    assertThat(fake.rateLimited("chat.postMessage")).isEqualTo(1);
    assertThat(fake.calls("chat.postMessage")).singleElement().extracting(FakeSlackApi.Call::status).isEqualTo(429);

    assertThat(methods.chatPostMessage(r -> r.channel("C1").text("hi")).isOk()).isTrue();
  }

  @Test
  void failAllThrowsSlackApiExceptionWithStatusUntilRecovered() throws Exception {
    fake.failAll(500, Duration.ofMinutes(1));
    assertThat(methods.authTest(r -> r).isOk()).isTrue(); // auth.test is spared
    SlackApiException e = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("C1").text("hi")));
    assertThat(e).isNotNull();
    assertThat(e.getResponse().code()).isEqualTo(500);
    assertThat(e.getError()).isNull();
    assertThat(e.getResponseBody()).contains("500");
    assertThat(e.getMessage()).isEqualTo("status: 500, no response body");
    assertThat(fake.calls("chat.postMessage")).singleElement().extracting(FakeSlackApi.Call::status).isEqualTo(500);
    assertThat(fake.postsFor("C1")).isZero();

    fake.recover();
    assertThat(methods.chatPostMessage(r -> r.channel("C1").text("hi")).isOk()).isTrue();

    fake.failAll(503, Duration.ofMillis(100));
    assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C1").text("hi")))
        .isInstanceOf(SlackApiException.class).hasMessageContaining("503");
    Thread.sleep(150);
    assertThat(methods.chatPostMessage(r -> r.channel("C1").text("hi")).isOk()).isTrue();
  }

  @Test
  void limitPerMinuteAnswers429BeyondTheWindow() throws Exception {
    String ts = methods.chatPostMessage(r -> r.channel("C1").text("v0")).getTs();
    fake.limitPerMinute("chat.update", 3);
    for (int i = 1; i <= 3; i++) {
      String text = "v" + i;
      assertThat(methods.chatUpdate(r -> r.channel("C1").ts(ts).text(text)).isOk()).isTrue();
    }
    SlackApiException e = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatUpdate(r -> r.channel("C1").ts(ts).text("v4")));
    assertThat(e.getResponse().code()).isEqualTo(429);
    assertThat(Integer.parseInt(e.getResponse().header("Retry-After"))).isBetween(1, 60);
    assertThat(fake.rateLimited("chat.update")).isEqualTo(1);
    assertThat(fake.message("C1", ts)).get().extracting(FakeSlackApi.Message::text).isEqualTo("v3");
    assertThat(methods.chatPostMessage(r -> r.channel("C1").text("other method")).isOk()).isTrue();
  }

  @Test
  void concurrentPostsGetUniqueIncreasingTimestamps() throws Exception {
    List<Callable<String>> posts = IntStream.range(0, 40)
        .<Callable<String>>mapToObj(i ->
            () -> methods.chatPostMessage(r -> r.channel("C9").text("m" + i)).getTs())
        .toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<String> ts = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(posts)) {
        ts.add(f.get());
      }
      assertThat(ts).doesNotHaveDuplicates().hasSize(40);
      assertThat(fake.messages("C9")).extracting(FakeSlackApi.Message::ts).isSorted().hasSize(40);
      assertThat(fake.calls("chat.postMessage")).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void delaySlowsEveryAnswer() throws Exception {
    methods.authTest(r -> r);
    fake.delay(Duration.ofMillis(300));
    long start = System.nanoTime();
    methods.chatPostMessage(r -> r.channel("C1").text("slow"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    fake.delay(Duration.ZERO);
    Await.until(Duration.ofSeconds(1), () -> fake.postsFor("C1") == 1);
    assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), () -> false, "never"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("never");
  }

  @Test
  void signerMatchesKnownVectorIndependentHmacAndTheSdk() throws Exception {
    // The example from Slack's "Verifying requests from Slack" documentation.
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    long ts = 1531420618L;
    SlackSigner signer = new SlackSigner(secret);
    Map<String, String> headers = signer.headers(body, ts);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(headers).containsEntry("X-Slack-Request-Timestamp", "1531420618")
        .containsEntry("X-Slack-Signature", expected)
        .containsEntry("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    assertThat(new SlackSignature.Generator(secret).generate("1531420618", body)).isEqualTo(expected);

    long now = Instant.now().getEpochSecond();
    String payloadBody = SlackSigner.interactionBody(SlackPayloads.blockAction("U1", "claim", "ticket-1", "C1",
        "1700000000.000100", fake.responseUrl("r1"), "trig-1"));
    Map<String, String> live = signer.headers(payloadBody, now);
    SlackSignature.Verifier verifier = new SlackSignature.Verifier(new SlackSignature.Generator(secret));
    assertThat(verifier.isValid(live.get(SlackSigner.TIMESTAMP_HEADER), payloadBody,
        live.get(SlackSigner.SIGNATURE_HEADER))).isTrue();
    assertThat(verifier.isValid(live.get(SlackSigner.TIMESTAMP_HEADER), payloadBody + "x",
        live.get(SlackSigner.SIGNATURE_HEADER))).isFalse();
  }

  @Test
  void payloadsParseWithTheSdksOwnModels() {
    String blockAction = SlackPayloads.blockAction("U1", "claim", "ticket-\"1\"", "C1", "1700000000.000100",
        fake.responseUrl("r1"), "trig-1");
    String decoded = URLDecoder.decode(SlackSigner.interactionBody(blockAction).substring("payload=".length()),
        StandardCharsets.UTF_8);
    BlockActionPayload ba = GsonFactory.createSnakeCase().fromJson(decoded, BlockActionPayload.class);
    assertThat(ba.getType()).isEqualTo("block_actions");
    assertThat(ba.getUser().getId()).isEqualTo("U1");
    assertThat(ba.getContainer().getMessageTs()).isEqualTo("1700000000.000100");
    assertThat(ba.getChannel().getId()).isEqualTo("C1");
    assertThat(ba.getResponseUrl()).isEqualTo(fake.responseUrl("r1"));
    assertThat(ba.getActions()).singleElement().satisfies(a -> {
      assertThat(a.getActionId()).isEqualTo("claim");
      assertThat(a.getValue()).isEqualTo("ticket-\"1\"");
      assertThat(a.getBlockId()).isEqualTo("ticket");
    });

    ViewSubmissionPayload vs = GsonFactory.createSnakeCase().fromJson(SlackPayloads.viewSubmission("U1",
        "claim_note", "ticket-7", "V1", "note", "note_input", "a\nb"), ViewSubmissionPayload.class);
    assertThat(vs.getView().getCallbackId()).isEqualTo("claim_note");
    assertThat(vs.getView().getPrivateMetadata()).isEqualTo("ticket-7");
    assertThat(vs.getView().getState().getValues().get("note").get("note_input").getValue()).isEqualTo("a\nb");

    SlashCommandPayload cmd = new SlashCommandPayloadParser().parse(SlackPayloads.slashCommand("U1", "ann", "C1",
        "/claim", "42 & more", fake.responseUrl("r2"), "trig-2"));
    assertThat(cmd.getCommand()).isEqualTo("/claim");
    assertThat(cmd.getText()).isEqualTo("42 & more");
    assertThat(cmd.getTeamId()).isEqualTo("T0001");
    assertThat(cmd.getResponseUrl()).isEqualTo(fake.responseUrl("r2"));
  }
}
