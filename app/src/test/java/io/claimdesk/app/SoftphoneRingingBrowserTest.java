package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.net.http.HttpClient;
import org.openqa.selenium.By;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The softphone registered with a stand-in for Twilio's signalling server on 127.0.0.1 (FakeTwilioSignaling): it
 * becomes ready, rings with the caller's name from the call's custom parameters, shows the number alone when no
 * contact has it, declines, and goes quiet again when the caller hangs up.
 */
class SoftphoneRingingBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NUMBER = "+14155550123";
  /** Carla Diaz of the demo contacts. */
  static final String CARLA = "+14155550101";
  /** An audio offer as Twilio sends one: nothing is negotiated before the agent answers. */
  static final String OFFER = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-",
      "t=0 0", "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
      "a=ice-ufrag:Fake", "a=ice-pwd:FakeFakeFakeFakeFakeFake",
      "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB", "a=setup:actpass", "a=mid:0", "a=sendrecv",
      "a=rtcp-mux", "a=rtpmap:0 PCMU/8000", "");

  /** What reached the notes endpoint: method, path and body. */
  static final List<String> NOTES = new CopyOnWriteArrayList<>();

  @TempDir
  static Path dir;
  static FakeTwilioSignaling twilio;
  static Claimdesk app;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeAvailable();
    twilio = FakeTwilioSignaling.start(dir);
    app = Claimdesk.start(SoftphoneTokenTest.config(dir.resolve("data"), SoftphoneTokenTest.TWILIO), 4,
        new Claimdesk.Testing(twilio.host(), config -> config.router.mount(routes ->
            routes.before("/api/voice/calls/*", ctx -> {
              NOTES.add(ctx.method().name() + " " + ctx.path() + " " + ctx.body());
              ctx.status(201).contentType("application/json").result("{}");
              ctx.skipRemainingHandlers();
            }))));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (twilio != null) {
      twilio.close();
    }
  }

  @Test
  void aRegisteredPhoneRingsWithTheCallersNameDeclinesAndStopsWhenTheCallerHangsUp() throws Exception {
    try (Browser ana = new Browser("http://127.0.0.1:" + app.port(), twilio.trustArgument())) {
      ana.login("ana@example.com", "claimdesk-demo");
      String memberId = ana.find("a.who").getAttribute("data-member");
      twilio.forget();
      ana.open("/dashboard/phone");
      if (!SoftphoneBrowserTest.bundled(ana)) {
        return;
      }

      JsonNode listen = twilio.next("listen");
      assertThat(listen).as("the browser's listen message").isNotNull();
      String token = listen.at("/payload/token").asText();
      assertThat(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).at("/grants/identity")
          .asText()).isEqualTo("agent_" + memberId);
      assertThat(twilio.next("register")).as("the browser's register message").isNotNull();
      ana.until(d -> "ready".equals(ana.find("#phone-status").getAttribute("data-state")), "register");
      assertThat(ana.text("#phone-status")).isEqualTo("Ready: calls ring here.");
      assertThat(ana.find("#phone-widget").getAttribute("class")).isEqualTo("phone-widget ready");

      String first = "CA" + "1".repeat(32);
      twilio.send("invite", invite(first, "Jane Doe"));
      ana.until(d -> ana.find("#phone-widget").getAttribute("class").contains("ringing"), "ring");
      assertThat(ana.text("#caller-name")).isEqualTo("Jane Doe");
      assertThat(ana.text("#caller-number")).isEqualTo(NUMBER);
      assertThat(ana.text("#phone-status")).isEqualTo("Incoming call from Jane Doe");
      assertThat(ana.text("#phone-widget")).endsWith("Jane Doe: answer");
      // no contacts API answers for the number on this branch: the card says so and the call still rings
      ana.until(d -> ana.text("#contact-card").equals("No contact with the number " + NUMBER + "."), "draw the card");
      assertThat(ana.find("#answer").isEnabled()).isTrue();
      assertThat(ana.find("#hangup").isEnabled()).isFalse();

      ana.find("#decline").click();
      JsonNode reject = twilio.next("reject");
      assertThat(reject).as("the browser's reject message").isNotNull();
      assertThat(reject.at("/payload/callsid").asText()).isEqualTo(first);
      ana.until(d -> "ready".equals(ana.find("#phone-status").getAttribute("data-state")), "stop ringing");
      assertThat(ana.find("#call").isDisplayed()).isFalse();

      // a caller the contacts know, without a name from the webhook: the card names them and lists their tickets
      String second = "CA" + "2".repeat(32);
      ObjectNode carla = invite(second, "");
      ((ObjectNode) carla.get("parameters")).put("From", CARLA);
      twilio.send("invite", carla);
      ana.until(d -> ana.find("#phone-widget").getAttribute("class").contains("ringing"), "ring again");
      ana.until(d -> ana.text("#caller-name").equals("Carla Diaz"), "name the caller from the contact");
      List<String> expected = openTicketsOf("carla@example.org");
      ana.until(d -> !ana.driver.findElements(By.cssSelector("#contact-card ul.tickets li")).isEmpty()
          || ana.present("#contact-card p.muted"), "list the open tickets");
      List<String> shown = ana.driver.findElements(By.cssSelector("#contact-card ul.tickets li")).stream()
          .map(e -> e.getText()).toList();
      System.out.println("Carla's card: " + ana.text("#contact-card").replace('\n', '|'));
      assertThat(ana.text("#contact-card")).contains("carla@example.org").contains(CARLA);
      assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(ana.find("#contact-card a.contact-link").getAttribute("href")).matches(".*/dashboard/contacts/[0-9a-f]{24}");
      Screenshots.save(ana, "phone-ringing"); // the README's picture of the softphone
      assertThat(ana.text("#phone-status")).isEqualTo("Incoming call from Carla Diaz");
      ana.screenshot(Path.of("target", "screenshots", "phone-ringing.png"));
      twilio.send("cancel", JSON.createObjectNode().put("callsid", second));
      ana.until(d -> "ready".equals(ana.find("#phone-status").getAttribute("data-state")), "stop when cancelled");
      assertThat(ana.find("#phone-widget").getAttribute("class")).isEqualTo("phone-widget ready");
      ana.screenshot(Path.of("target", "screenshots", "phone-ready.png"));
    }
  }

  @Test
  void anAnsweredCallMutesHangsUpAndSavesItsNotesToTheCallTheWebhookNamed() throws Exception {
    try (Browser bo = new Browser("http://127.0.0.1:" + app.port(), twilio.trustArgument(),
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")) {
      bo.login("bo@example.com", "claimdesk-demo");
      twilio.forget();
      bo.open("/dashboard/phone");
      if (!SoftphoneBrowserTest.bundled(bo)) {
        return;
      }
      bo.until(d -> "ready".equals(bo.find("#phone-status").getAttribute("data-state")), "register");

      String leg = "CA" + "3".repeat(32);
      String parent = "CA" + "4".repeat(32);
      ObjectNode invite = invite(leg, "Jane Doe");
      ((ObjectNode) invite.get("parameters")).put("Params", "callerName=Jane%20Doe&callSid=" + parent);
      NOTES.clear();
      twilio.send("invite", invite);
      bo.until(d -> bo.find("#answer").isEnabled(), "ring");
      bo.find("#answer").click();
      JsonNode answer = twilio.next("answer");
      assertThat(answer).as("the browser's answer message").isNotNull();
      assertThat(answer.at("/payload/callsid").asText()).isEqualTo(leg);
      assertThat(answer.at("/payload/sdp").asText()).startsWith("v=0");
      bo.until(d -> "oncall".equals(bo.find("#phone-status").getAttribute("data-state")), "be on the call");
      assertThat(bo.text("#phone-status")).isEqualTo("On a call with Jane Doe");

      bo.find("#mute").click();
      bo.until(d -> bo.text("#mute").equals("Unmute"), "mute");
      bo.find("#notes").sendKeys("Asked about the invoice");
      bo.find("#hangup").click();
      JsonNode hangup = twilio.next("hangup");
      assertThat(hangup).as("the browser's hangup message").isNotNull();
      assertThat(hangup.at("/payload/callsid").asText()).isEqualTo(leg);
      bo.until(d -> "saved".equals(bo.find("#notes-status").getAttribute("data-state")), "save the notes");
      assertThat(NOTES).containsExactly("POST /api/voice/calls/" + parent + "/notes {\"body\":\"Asked about the invoice\"}");
      assertThat(bo.text("#notes-status")).isEqualTo("Notes saved to call " + parent + ".");
      System.out.println("notes at hang-up: " + NOTES);
    }
  }

  @Test
  void aTokenAboutToExpireIsReplacedWithANewOneFromClaimdesk() throws Exception {
    twilio.ttlSeconds = 12; // tokenWillExpire 10 s before the end: in 2 s
    try (Browser mia = new Browser("http://127.0.0.1:" + app.port(), twilio.trustArgument())) {
      mia.login("mia@example.com", "claimdesk-demo");
      twilio.forget();
      mia.open("/dashboard/phone");
      if (!SoftphoneBrowserTest.bundled(mia)) {
        return;
      }
      JsonNode first = twilio.next("listen");
      assertThat(first).as("the browser's first listen").isNotNull();
      twilio.ttlSeconds = 3600;
      // the SDK may send the first token again (a reconnect); the refreshed one is issued 2 s later, so it differs
      JsonNode second = twilio.next("listen");
      while (second != null && second.at("/payload/token").equals(first.at("/payload/token"))) {
        second = twilio.next("listen");
      }
      assertThat(second).as("a listen with the refreshed token").isNotNull();
      long firstExp = claims(first).get("exp").asLong();
      long secondExp = claims(second).get("exp").asLong();
      System.out.println("token refreshed: exp " + firstExp + " then " + secondExp);
      assertThat(secondExp).isGreaterThan(firstExp);
      assertThat(claims(second).at("/grants/identity").asText()).isEqualTo(claims(first).at("/grants/identity").asText());
      assertThat((Long) mia.script("return performance.getEntriesByType('resource')"
          + ".filter(e => new URL(e.name).pathname === '/api/voice/token').length;")).isEqualTo(2L);
    } finally {
      twilio.ttlSeconds = 3600;
    }
  }

  @Test
  void theHeaderWidgetRingsAnswersAndHangsUpOnAnyDashboardPage() throws Exception {
    try (Browser mia = new Browser("http://127.0.0.1:" + app.port(), twilio.trustArgument(),
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")) {
      mia.login("mia@example.com", "claimdesk-demo");
      mia.open("/dashboard/phone");
      if (!SoftphoneBrowserTest.bundled(mia)) {
        return;
      }
      twilio.forget();
      mia.open("/dashboard/tickets/unassigned");
      assertThat(twilio.next("register")).as("the widget registers on a page other than the phone's").isNotNull();
      mia.until(d -> mia.find("#phone-widget").getAttribute("class").equals("phone-widget ready"), "be ready");

      String leg = "CA" + "5".repeat(32);
      twilio.send("invite", invite(leg, "Jane Doe"));
      mia.until(d -> mia.find("#phone-widget").getAttribute("class").equals("phone-widget ringing"), "ring");
      assertThat(mia.text("#phone-widget")).endsWith("Jane Doe: answer");
      mia.find("#phone-widget").click();
      JsonNode answer = twilio.next("answer");
      assertThat(answer).as("the widget's answer").isNotNull();
      assertThat(answer.at("/payload/callsid").asText()).isEqualTo(leg);
      mia.until(d -> mia.find("#phone-widget").getAttribute("class").equals("phone-widget oncall"), "be on the call");
      assertThat(mia.driver.getCurrentUrl()).endsWith("/dashboard/tickets/unassigned"); // the link was not followed
      mia.find("#phone-widget").click();
      JsonNode hangup = twilio.next("hangup");
      assertThat(hangup).as("the widget's hangup").isNotNull();
      assertThat(hangup.at("/payload/callsid").asText()).isEqualTo(leg);
      mia.until(d -> mia.find("#phone-widget").getAttribute("class").equals("phone-widget ready"), "be ready again");
    }
  }

  @Test
  void aTokenTwilioRefusesIsSaidSo() throws Exception {
    twilio.refuseTokens = true;
    try (Browser ana = new Browser("http://127.0.0.1:" + app.port(), twilio.trustArgument())) {
      ana.login("ana@example.com", "claimdesk-demo");
      twilio.forget();
      ana.open("/dashboard/phone");
      if (!SoftphoneBrowserTest.bundled(ana)) {
        return;
      }
      assertThat(twilio.next("listen")).as("the browser's listen").isNotNull();
      ana.until(d -> "refused".equals(ana.find("#phone-status").getAttribute("data-state")), "see the refusal");
      System.out.println("refused token: " + ana.text("#phone-status"));
      // the SDK reports the gateway's 31204 as its AccessTokenInvalid, 20101
      assertThat(ana.text("#phone-status"))
          .isEqualTo("Twilio refused the access token (20101): Twilio was unable to validate your Access Token");
      assertThat(ana.find("#phone-widget").getAttribute("class")).isEqualTo("phone-widget refused");
    } finally {
      twilio.refuseTokens = false;
    }
  }

  static JsonNode claims(JsonNode listen) throws Exception {
    String token = listen.at("/payload/token").asText();
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  /** What the card should list: the contact's unresolved tickets as "subject · owner", from the tickets API. */
  static List<String> openTicketsOf(String email) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + app.port();
    String token = SoftphoneTokenTest.signIn(http, base, "mia@example.com").get("token").asText();
    JsonNode tickets = JSON.readTree(SoftphoneTokenTest.get(http, base + "/api/emails/tickets?limit=100&q=" + email,
        "Bearer " + token).body()).get("tickets");
    List<String> open = new ArrayList<>();
    for (JsonNode t : tickets) {
      if (!"resolved".equals(t.path("status").asText()) && email.equals(t.path("from").asText())) {
        String owner = t.path("assignedToName").asText("");
        open.add(t.get("subject").asText() + " · " + (owner.isEmpty() ? "unowned" : owner));
      }
    }
    assertThat(open).as("Carla's open tickets in the demo data").isNotEmpty();
    return open;
  }

  static ObjectNode invite(String callSid, String callerName) {
    ObjectNode parameters = JSON.createObjectNode().put("CallSid", callSid).put("From", NUMBER)
        .put("AccountSid", SoftphoneTokenTest.TWILIO.get("TWILIO_ACCOUNT_SID"))
        .put("Params", callerName.isEmpty() ? "" : "callerName=" + callerName.replace(" ", "%20"));
    ObjectNode payload = JSON.createObjectNode().put("callsid", callSid).put("sdp", OFFER);
    payload.set("parameters", parameters);
    return payload;
  }
}
