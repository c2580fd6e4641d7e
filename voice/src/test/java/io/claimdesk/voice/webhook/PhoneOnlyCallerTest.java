package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller known only by number: their voicemail opens a ticket that has no customer address, and once someone owns
 * it, their next call rings that owner first, found through the number (signed webhooks, as Twilio posts them).
 */
class PhoneOnlyCallerTest {
  private static final String NUMBER = "+14155550177";
  private static final String RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE7";
  private final VoiceServer server = new VoiceServer();

  @AfterEach
  void close() {
    server.close();
  }

  private TwimlDoc post(String path, Map<String, String> form) {
    HttpResponse<String> response = server.signedPost(path, form);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TwimlDoc.parse(response.body());
  }

  private TwimlDoc incoming(String callSid) {
    return post("/voice/incoming", Map.of("CallSid", callSid, "From", NUMBER, "To", "+14155550100"));
  }

  /** An unknown number's first call: nobody answers anyone, it leaves a voicemail; the ticket it opened. */
  private EmailThread voicemailFromAnUnknownNumber(List<TeamMember> everyone) {
    String first = server.nextSid("CA");
    assertThat(incoming(first).clients()).hasSize(everyone.size());
    assertThat(post("/voice/dial-complete", Map.of("CallSid", first, "DialCallStatus", "no-answer")).verbs())
        .containsExactly("Say", "Record");
    post("/voice/voicemail", Map.of("CallSid", first, "From", NUMBER, "RecordingUrl", RECORDING,
        "RecordingDuration", "12"));
    Contact contact = server.stores.contacts().findByPhone(NUMBER).orElseThrow();
    assertThat(contact.emails()).isEmpty();
    assertThat(contact.phones()).containsExactly(NUMBER);
    List<EmailThread> tickets = server.stores.tickets().unresolvedFrom(List.of(), List.of(NUMBER), 10);
    assertThat(tickets).hasSize(1);
    EmailThread ticket = tickets.get(0);
    assertThat(ticket.subject()).isEqualTo("Voicemail from " + NUMBER);
    assertThat(ticket.customerEmail()).isNull();
    assertThat(ticket.customerPhone()).isEqualTo(NUMBER);
    assertThat(ticket.isOwned()).isFalse();
    return ticket;
  }

  @Test
  void aClaimedVoicemailTicketShouldMakeTheNextCallRingItsOwnerFirst() {
    TeamMember olga = server.agent("Olga");
    TeamMember bystander = server.agent("Bystander");
    EmailThread ticket = voicemailFromAnUnknownNumber(List.of(olga, bystander));

    server.claims.claim(ticket.id(), olga, Via.API);

    String again = server.nextSid("CA");
    TwimlDoc twiml = incoming(again);
    assertThat(twiml.clients()).containsExactly("agent_" + olga.id());
    assertThat(twiml.first("Parameter").getAttribute("value")).isEqualTo(NUMBER);
    assertThat(server.stores.callLogs().find(again).orElseThrow().steps()).containsExactly(List.of(olga.id()));
    // nobody answers the owner: then the others, as for any caller
    assertThat(post("/voice/dial-complete", Map.of("CallSid", again, "DialCallStatus", "no-answer")).clients())
        .containsExactly("agent_" + bystander.id());
  }

  @Test
  void answeringTheCallerShouldClaimTheirVoicemailTicketAndTheirNextVoicemailJoinIt() {
    TeamMember olga = server.agent("Olga");
    TeamMember bystander = server.agent("Bystander");
    EmailThread ticket = voicemailFromAnUnknownNumber(List.of(olga, bystander));

    String second = server.nextSid("CA");
    assertThat(incoming(second).clients()).containsExactlyInAnyOrder("agent_" + olga.id(),
        "agent_" + bystander.id());
    HttpResponse<String> answered = server.signedPost("/voice/status", Map.of("CallSid", server.nextSid("CA"),
        "ParentCallSid", second, "CallStatus", "in-progress", "To", "client:agent_" + olga.id(), "From", NUMBER));
    assertThat(answered.statusCode()).isEqualTo(204);
    EmailThread claimed = server.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(claimed.owner().memberId()).isEqualTo(olga.id());
    assertThat(server.stores.tickets().messages(ticket.id())).extracting(ThreadMessage::text)
        .contains("📞 Call from " + NUMBER + " answered by Olga");

    assertThat(incoming(server.nextSid("CA")).clients()).containsExactly("agent_" + olga.id());
    String third = server.nextSid("CA");
    post("/voice/voicemail", Map.of("CallSid", third, "From", NUMBER, "RecordingUrl", RECORDING + "b",
        "RecordingDuration", "5"));
    assertThat(server.stores.tickets().unresolvedFrom(List.of(), List.of(NUMBER), 10)).extracting(EmailThread::id)
        .containsExactly(ticket.id());
    assertThat(server.stores.tickets().messages(ticket.id()).stream()
        .filter(m -> m.direction() == ThreadMessage.Direction.VOICEMAIL)).hasSize(2);
  }
}
