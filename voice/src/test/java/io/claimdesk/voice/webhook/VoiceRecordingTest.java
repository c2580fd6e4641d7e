package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.voice.CallLog;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What answered calls, call ends and voicemails leave behind; and that unsigned posts leave nothing. */
class VoiceRecordingTest {
  private static final String ANA_PHONE = "+14155550101";
  private static final String RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final VoiceServer server = new VoiceServer();

  @AfterEach
  void close() {
    server.close();
  }

  private void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
  }

  private void incoming(String callSid, String from) {
    ok(server.signedPost("/voice/incoming", Map.of("CallSid", callSid, "From", from, "To", "+14155550100")));
  }

  private HttpResponse<String> leg(String parentSid, TeamMember member, String status, String duration) {
    Map<String, String> form = new HashMap<>(Map.of("CallSid", server.nextSid("CA"), "ParentCallSid", parentSid,
        "CallStatus", status, "To", "client:agent_" + member.id(), "From", ANA_PHONE));
    if (duration != null) {
      form.put("CallDuration", duration);
    }
    return server.signedPost("/voice/status", form);
  }

  private List<ThreadMessage> messages(String threadId, ThreadMessage.Direction direction) {
    return server.stores.tickets().messages(threadId).stream().filter(m -> m.direction() == direction).toList();
  }

  @Test
  void anAnsweredCallShouldBeLoggedAndClaimTheCallersUnownedTicketOnce() throws Exception {
    TeamMember agent = server.agent("Olga");
    server.contact("Ana Lima", "ana@example.org", ANA_PHONE);
    EmailThread ticket = server.ticket("Refund", "ana@example.org", T0);
    String callSid = server.nextSid("CA");
    incoming(callSid, ANA_PHONE);

    ok(leg(callSid, agent, "ringing", null));
    ok(leg(callSid, agent, "in-progress", null));
    ok(leg(callSid, agent, "in-progress", null)); // Twilio retried the callback
    ok(leg(callSid, agent, "completed", "95"));
    ok(leg(callSid, agent, "completed", "95"));

    CallLog call = server.stores.callLogs().find(callSid).orElseThrow();
    assertThat(call.answeredBy()).isEqualTo(agent.id());
    assertThat(call.status()).isEqualTo("completed");
    assertThat(call.duration()).isEqualTo(95);
    assertThat(call.answeredAt()).isNotNull();
    assertThat(call.endedAt()).isAfterOrEqualTo(call.answeredAt());
    assertThat(call.steps()).containsExactly(List.of(agent.id()));
    EmailThread after = server.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(after.owner().memberId()).isEqualTo(agent.id());
    assertThat(messages(ticket.id(), ThreadMessage.Direction.NOTE)).extracting(ThreadMessage::text)
        .containsExactly("📞 Call from Ana Lima answered by Olga");
    assertThat(server.relay.awaitIdle(Duration.ofSeconds(10))).isTrue();
    List<AssignmentEvent> history = server.stores.assignments().history(ticket.id());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).action().value()).isEqualTo("auto_claimed");
    assertThat(history.get(0).via()).isEqualTo(io.claimdesk.core.claim.Via.VOICE);
  }

  @Test
  void anAnsweredCallShouldNotTakeATicketSomeoneElseOwns() {
    TeamMember owner = server.agent("Owner");
    TeamMember answering = server.agent("Answering");
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    EmailThread ticket = server.ownedTicket("Refund", "ana@example.org", owner, T0);
    String callSid = server.nextSid("CA");
    incoming(callSid, ANA_PHONE);
    ok(leg(callSid, answering, "in-progress", null));
    ok(leg(callSid, owner, "in-progress", null)); // too late: the first answer won

    assertThat(server.stores.callLogs().find(callSid).orElseThrow().answeredBy()).isEqualTo(answering.id());
    assertThat(server.stores.tickets().find(ticket.id()).orElseThrow().owner().memberId()).isEqualTo(owner.id());
    assertThat(messages(ticket.id(), ThreadMessage.Direction.NOTE)).extracting(ThreadMessage::text)
        .containsExactly("📞 Call from Ana answered by Answering");
  }

  @Test
  void aVoicemailShouldBecomeAMessageOnTheCallersNewestOpenTicketOnce() throws Exception {
    server.contact("Ana", "ana@example.org", ANA_PHONE);
    EmailThread older = server.ticket("Older", "ana@example.org", T0);
    EmailThread newer = server.ticket("Newer", "ana@example.org", T0.plusSeconds(60));
    String callSid = server.nextSid("CA");
    Map<String, String> form = Map.of("CallSid", callSid, "From", ANA_PHONE, "RecordingUrl", RECORDING,
        "RecordingDuration", "42");
    ok(server.signedPost("/voice/voicemail", form));
    ok(server.signedPost("/voice/voicemail", form));

    List<ThreadMessage> voicemails = messages(newer.id(), ThreadMessage.Direction.VOICEMAIL);
    assertThat(voicemails).hasSize(1);
    assertThat(voicemails.get(0).text()).isEqualTo("Voicemail from " + ANA_PHONE + " (42 s): " + RECORDING);
    assertThat(messages(older.id(), ThreadMessage.Direction.VOICEMAIL)).isEmpty();
    CallLog call = server.stores.callLogs().find(callSid).orElseThrow();
    assertThat(call.recordingUrl()).isEqualTo(RECORDING);
    assertThat(call.recordingDuration()).isEqualTo(42);
    assertThat(server.relay.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(server.stores.outbox().readAfter(0, 100)).filteredOn(e -> e.threadId().equals(newer.id()))
        .extracting(OutboxEvent::type).containsExactly(OutboxEvent.MESSAGE_ADDED);
  }

  @Test
  void aVoicemailFromAnUnknownCallerShouldOpenAnAnnouncedTicketAndAContact() throws Exception {
    String callSid = server.nextSid("CA");
    ok(server.signedPost("/voice/voicemail", Map.of("CallSid", callSid, "From", "+14155550177",
        "RecordingUrl", RECORDING, "RecordingDuration", "7")));

    Contact contact = server.stores.contacts().findByPhone("+14155550177").orElseThrow();
    assertThat(contact.phones()).containsExactly("+14155550177");
    assertThat(server.stores.tickets().count()).isEqualTo(1);
    EmailThread ticket = server.stores.tickets().list(
        new io.claimdesk.core.ticket.TicketQuery(null, null, 10, null)).tickets().get(0);
    assertThat(ticket.subject()).isEqualTo("Voicemail from +14155550177");
    assertThat(ticket.owner()).isNull();
    assertThat(messages(ticket.id(), ThreadMessage.Direction.VOICEMAIL)).extracting(ThreadMessage::text)
        .containsExactly("Voicemail from +14155550177 (7 s): " + RECORDING);
    assertThat(server.stores.callLogs().find(callSid).orElseThrow().contactId()).isEqualTo(contact.id());
    assertThat(server.relay.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(server.stores.outbox().readAfter(0, 100)).extracting(OutboxEvent::type, OutboxEvent::threadId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboxEvent.TICKET_CREATED, ticket.id()));
  }

  @Test
  void aCallerKnownOnlyByNumberShouldFindTheTicketTheirVoicemailOpened() {
    TeamMember agent = server.agent("Olga");
    String first = server.nextSid("CA");
    ok(server.signedPost("/voice/voicemail", Map.of("CallSid", first, "From", "+14155550177",
        "RecordingUrl", RECORDING, "RecordingDuration", "7")));
    String second = server.nextSid("CA");
    ok(server.signedPost("/voice/voicemail", Map.of("CallSid", second, "From", "+14155550177",
        "RecordingUrl", RECORDING + "2", "RecordingDuration", "9")));

    assertThat(server.stores.tickets().count()).isEqualTo(1);
    String threadId = server.stores.callLogs().find(first).orElseThrow().threadId();
    assertThat(server.stores.callLogs().find(second).orElseThrow().threadId()).isEqualTo(threadId);
    assertThat(messages(threadId, ThreadMessage.Direction.VOICEMAIL)).extracting(ThreadMessage::text)
        .containsExactly("Voicemail from +14155550177 (7 s): " + RECORDING,
            "Voicemail from +14155550177 (9 s): " + RECORDING + "2");

    String call = server.nextSid("CA");
    incoming(call, "+14155550177");
    ok(leg(call, agent, "in-progress", null));
    EmailThread ticket = server.stores.tickets().find(threadId).orElseThrow();
    assertThat(ticket.owner().memberId()).isEqualTo(agent.id());
    assertThat(messages(threadId, ThreadMessage.Direction.NOTE)).extracting(ThreadMessage::text)
        .containsExactly("📞 Call from +14155550177 answered by Olga");
  }

  @Test
  void forgedMissingAndWrongUrlSignaturesShouldBeRefusedWithNothingRecorded() {
    String callSid = server.nextSid("CA");
    Map<String, String> form = Map.of("CallSid", callSid, "From", "+14155550177", "To", "+14155550100");
    String forged = TwilioSigner.sign("not-the-auth-token", VoiceServer.BASE_URL + "/voice/incoming", form);
    String otherUrl = TwilioSigner.sign(VoiceServer.AUTH_TOKEN, "https://elsewhere.example.com/voice/incoming", form);
    String otherPath = TwilioSigner.sign(VoiceServer.AUTH_TOKEN, VoiceServer.BASE_URL + "/voice/status", form);
    server.agent("A");
    for (String signature : new String[] {forged, null, otherUrl, otherPath, ""}) {
      HttpResponse<String> response = server.post("/voice/incoming", form, signature);
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).isEqualTo("Invalid or missing X-Twilio-Signature");
    }
    Map<String, String> voicemail = Map.of("CallSid", callSid, "From", "+14155550177", "RecordingUrl", RECORDING);
    assertThat(server.post("/voice/voicemail", voicemail, forged).statusCode()).isEqualTo(403);
    assertThat(server.stores.callLogs().find(callSid)).isEmpty();
    assertThat(server.stores.tickets().count()).isZero();
    assertThat(server.stores.contacts().count()).isZero();
  }

  @Test
  void theSdkShouldAcceptASignatureMadeWithTheDefaultPort() {
    Map<String, String> form = Map.of("CallSid", server.nextSid("CA"), "From", "+14155550177");
    String withPort = TwilioSigner.sign(VoiceServer.AUTH_TOKEN, "https://claimdesk.example.com:443/voice/incoming",
        form);
    assertThat(server.post("/voice/incoming", form, withPort).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverSixtyFourKilobytesShouldBeRefusedBeforeItIsRead() {
    String callSid = server.nextSid("CA");
    Map<String, String> form = Map.of("CallSid", callSid, "From", "+14155550177", "Junk", "x".repeat(70 * 1024));
    HttpResponse<String> response = server.signedPost("/voice/incoming", form);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(server.stores.callLogs().find(callSid)).isEmpty();
  }

  @Test
  void aSignedPostWithoutACallSidShouldBeA400() {
    HttpResponse<String> response = server.signedPost("/voice/incoming", Map.of("From", "+14155550177"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Missing CallSid");
  }
}
