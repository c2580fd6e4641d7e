package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.voice.CallLog;
import io.claimdesk.core.voice.CallRouter;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Whom a call rings, step by step, through signed posts to a running server; the TwiML parsed as XML. */
class VoiceRoutingTest {
  private static final String ANA_PHONE = "+14155550101";
  /** Absolute, on the public base URL Twilio signs ({@link VoiceServer#BASE_URL}). */
  private static final String DIAL_COMPLETE_URL = "https://claimdesk.example.com/voice/dial-complete";
  private static final String STATUS_URL = "https://claimdesk.example.com/voice/status";
  private static final String VOICEMAIL_URL = "https://claimdesk.example.com/voice/voicemail";
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final VoiceServer server = new VoiceServer();

  @AfterEach
  void close() {
    server.close();
  }

  private TwimlDoc incoming(String callSid, String from) {
    HttpResponse<String> response = server.signedPost("/voice/incoming",
        Map.of("CallSid", callSid, "From", from, "To", "+14155550100", "AccountSid", "AC" + "0".repeat(32)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
    return TwimlDoc.parse(response.body());
  }

  private TwimlDoc dialComplete(String callSid, String dialStatus) {
    HttpResponse<String> response = server.signedPost("/voice/dial-complete",
        Map.of("CallSid", callSid, "DialCallStatus", dialStatus));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TwimlDoc.parse(response.body());
  }

  @Test
  void oneOwnerShouldRingOnlyThatAgentWithTheCallersName() {
    TeamMember owner = server.agent("Olga");
    server.agent("Bystander");
    server.contact("Ana Lima", "ana@example.org", ANA_PHONE);
    server.ownedTicket("Refund", "ana@example.org", owner, T0);

    String callSid = server.nextSid("CA");
    TwimlDoc twiml = incoming(callSid, ANA_PHONE);

    assertThat(twiml.verbs()).containsExactly("Dial");
    Element dial = twiml.first("Dial");
    assertThat(dial.getAttribute("timeout")).isEqualTo("20");
    assertThat(dial.getAttribute("action")).isEqualTo(DIAL_COMPLETE_URL);
    assertThat(twiml.clients()).containsExactly("agent_" + owner.id());
    Element client = twiml.first("Client");
    assertThat(client.getAttribute("statusCallback")).isEqualTo(STATUS_URL);
    assertThat(client.getAttribute("statusCallbackEvent")).isEqualTo("initiated ringing answered completed");
    Element parameter = twiml.first("Parameter");
    assertThat(parameter.getAttribute("name")).isEqualTo("callerName");
    assertThat(parameter.getAttribute("value")).isEqualTo("Ana Lima");
    // the softphone sees only its own leg's CallSid: it saves its notes under the caller's, which names the log
    Element callSidParameter = (Element) client.getElementsByTagName("Parameter").item(1);
    assertThat(callSidParameter.getAttribute("name")).isEqualTo("callSid");
    assertThat(callSidParameter.getAttribute("value")).isEqualTo(callSid);
  }

  @Test
  void theUrlsInTheTwimlShouldBeTheOnesTheSignatureCheckAccepts() {
    TeamMember agent = server.agent("Olga");
    String callSid = server.nextSid("CA");
    TwimlDoc twiml = incoming(callSid, ANA_PHONE);
    String statusCallback = twiml.first("Client").getAttribute("statusCallback");
    String action = twiml.first("Dial").getAttribute("action");

    // Twilio signs the URL it was given: signed for exactly that URL, the post is taken
    Map<String, String> leg = Map.of("CallSid", server.nextSid("CA"), "ParentCallSid", callSid,
        "CallStatus", "ringing", "To", "client:agent_" + agent.id());
    assertThat(server.post("/voice/status", leg, TwilioSigner.sign(VoiceServer.AUTH_TOKEN, statusCallback, leg))
        .statusCode()).isEqualTo(204);
    Map<String, String> ended = Map.of("CallSid", callSid, "DialCallStatus", "no-answer");
    HttpResponse<String> next = server.post("/voice/dial-complete", ended,
        TwilioSigner.sign(VoiceServer.AUTH_TOKEN, action, ended));
    assertThat(next.statusCode()).isEqualTo(200);
    String recordAction = TwimlDoc.parse(next.body()).first("Record").getAttribute("action");
    assertThat(recordAction).isEqualTo(VOICEMAIL_URL);
    // signed for the relative path Twilio would have resolved against another base: refused
    assertThat(server.post("/voice/status", leg, TwilioSigner.sign(VoiceServer.AUTH_TOKEN, "/voice/status", leg))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void twoOwnersShouldBothRing() {
    TeamMember first = server.agent("First");
    TeamMember second = server.agent("Second");
    server.agent("Bystander");
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    server.ownedTicket("One", "ana@example.org", first, T0);
    server.ownedTicket("Two", "ana@example.org", second, T0.plusSeconds(60));

    assertThat(incoming(server.nextSid("CA"), ANA_PHONE).clients())
        .containsExactlyInAnyOrder("agent_" + first.id(), "agent_" + second.id());
  }

  @Test
  void unknownCallersAndContactsWithoutOwnersShouldRingTheOnlineMembers() {
    TeamMember a = server.agent("A");
    TeamMember b = server.agent("B");
    server.member("Away", Role.AGENT, Availability.AWAY, VoiceMode.CLIENT, null);
    server.member("Off", Role.AGENT, Availability.ONLINE, VoiceMode.OFF, null);
    server.member("Gone", Role.AGENT, Availability.OFFLINE, VoiceMode.CLIENT, null);
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    server.ticket("Unowned", "ana@example.org", T0);

    List<String> expected = List.of("agent_" + a.id(), "agent_" + b.id());
    assertThat(incoming(server.nextSid("CA"), "+14155550177").clients()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(incoming(server.nextSid("CA"), ANA_PHONE).clients()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void twelveOwnersShouldRingTen() {
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    for (int i = 0; i < 12; i++) {
      server.ownedTicket("T" + i, "ana@example.org", server.agent("Owner" + i), T0.plusSeconds(i));
    }
    TwimlDoc twiml = incoming(server.nextSid("CA"), ANA_PHONE);
    assertThat(twiml.all("Dial")).hasSize(1);
    assertThat(twiml.clients()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void phoneMembersShouldBeRungOnTheirNumberAndOfflineOrOffOwnersNotAtAll() {
    TeamMember phone = server.member("Phone", Role.AGENT, Availability.AWAY, VoiceMode.PHONE, "+14155550142");
    TeamMember offline = server.member("Offline", Role.AGENT, Availability.OFFLINE, VoiceMode.CLIENT, null);
    TeamMember off = server.member("Off", Role.AGENT, Availability.ONLINE, VoiceMode.OFF, null);
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    server.ownedTicket("P", "ana@example.org", phone, T0);
    server.ownedTicket("O", "ana@example.org", offline, T0.plusSeconds(1));
    server.ownedTicket("F", "ana@example.org", off, T0.plusSeconds(2));

    TwimlDoc twiml = incoming(server.nextSid("CA"), ANA_PHONE);

    assertThat(twiml.clients()).isEmpty();
    assertThat(twiml.numbers()).containsExactly("+14155550142");
    Element number = twiml.first("Number");
    assertThat(number.getAttribute("statusCallback")).isEqualTo(STATUS_URL);
    assertThat(number.getAttribute("statusCallbackEvent")).isEqualTo("initiated ringing answered completed");
  }

  @Test
  void noAnswerShouldRingTheOthersIdleLongestFirstThenTakeAVoicemail() {
    TeamMember owner = server.agent("Owner");
    List<TeamMember> others = new ArrayList<>();
    IntStream.range(0, 11).forEach(i -> others.add(server.agent("Other" + i)));
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    server.ownedTicket("Refund", "ana@example.org", owner, T0);
    // Other0 answered a call a minute ago, Other1 an hour ago: both are rung after the nine who never answered
    server.stores.callLogs().start(server.nextSid("CA"), "+1", "+2", null, T0);
    server.stores.callLogs().answered(server.nextSid("CA"), others.get(0).id(), Instant.now());
    String older = server.nextSid("CA");
    server.stores.callLogs().start(older, "+1", "+2", null, T0);
    server.stores.callLogs().answered(older, others.get(1).id(), Instant.now().minusSeconds(3600));
    String recent = server.nextSid("CA");
    server.stores.callLogs().start(recent, "+1", "+2", null, T0);
    server.stores.callLogs().answered(recent, others.get(0).id(), Instant.now().minusSeconds(60));

    String callSid = server.nextSid("CA");
    assertThat(incoming(callSid, ANA_PHONE).clients()).containsExactly("agent_" + owner.id());
    TwimlDoc second = dialComplete(callSid, "no-answer");

    List<String> neverAnswered = others.subList(2, 11).stream().map(m -> "agent_" + m.id()).toList();
    assertThat(second.clients()).hasSize(10).doesNotContain("agent_" + owner.id())
        .doesNotContain("agent_" + others.get(0).id());
    assertThat(second.clients().subList(0, 9)).containsExactlyInAnyOrderElementsOf(neverAnswered);
    assertThat(second.clients().get(9)).isEqualTo("agent_" + others.get(1).id());
    assertThat(second.first("Dial").getAttribute("action")).isEqualTo(DIAL_COMPLETE_URL);

    TwimlDoc third = dialComplete(callSid, "no-answer");
    assertThat(third.verbs()).containsExactly("Say", "Record");
    assertThat(third.first("Record").getAttribute("action")).isEqualTo(VOICEMAIL_URL);
    assertThat(third.first("Record").getAttribute("maxLength")).isEqualTo("120");

    CallLog call = server.stores.callLogs().find(callSid).orElseThrow();
    assertThat(call.steps()).hasSize(2);
    assertThat(call.steps().get(0)).containsExactly(owner.id());
    assertThat(call.steps().get(1)).hasSize(10);
  }

  @Test
  void nobodyToRingShouldGoStraightToVoicemailAndAnAnsweredDialHangsUp() {
    server.member("Away", Role.AGENT, Availability.AWAY, VoiceMode.CLIENT, null);
    String callSid = server.nextSid("CA");
    TwimlDoc twiml = incoming(callSid, "+14155550177");
    assertThat(twiml.verbs()).containsExactly("Say", "Record");
    assertThat(twiml.first("Record").getAttribute("action")).isEqualTo(VOICEMAIL_URL);
    assertThat(twiml.first("Record").getAttribute("maxLength")).isEqualTo("120");
    assertThat(dialComplete(callSid, "completed").verbs()).containsExactly("Say", "Hangup");
  }

  @Test
  void aMemberGoingOfflineShouldNoLongerBeRungOnceTheTeamIsReadAgain() throws Exception {
    TeamMember a = server.agent("A");
    TeamMember b = server.agent("B");
    assertThat(incoming(server.nextSid("CA"), "+14155550177").clients())
        .containsExactlyInAnyOrder("agent_" + a.id(), "agent_" + b.id());
    server.stores.team().setAvailability(b.id(), Availability.OFFLINE);
    Thread.sleep(CallRouter.TEAM_FRESH.toMillis() + 200);
    assertThat(incoming(server.nextSid("CA"), "+14155550177").clients()).containsExactly("agent_" + a.id());
  }

  @Test
  void aRetriedIncomingWebhookShouldRingTheSameMembersAndRecordOneStep() {
    TeamMember a = server.agent("A");
    String callSid = server.nextSid("CA");
    assertThat(incoming(callSid, "+14155550177").clients()).containsExactly("agent_" + a.id());
    server.agent("B");
    assertThat(incoming(callSid, "+14155550177").clients()).containsExactly("agent_" + a.id());
    assertThat(server.stores.callLogs().find(callSid).orElseThrow().steps()).containsExactly(List.of(a.id()));
  }
}
