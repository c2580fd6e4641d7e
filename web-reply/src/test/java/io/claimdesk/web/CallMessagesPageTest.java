package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What calls leave on a ticket, on its page: the answered-call note and the voicemail, each labelled. */
class CallMessagesPageTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final ApiFixture fixture = new ApiFixture();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private ThreadMessage message(ThreadMessage.Direction direction, String from, String fromName, String text) {
    return new ThreadMessage(null, null, direction, null, null, List.of(), from, fromName, List.of(), List.of(),
        T0.plusSeconds(60), text, null, List.of(), null);
  }

  @Test
  void theCallNoteAndTheVoicemailShouldShowWithTheirLabels() {
    ApiFixture.Member ana = fixture.member("Ana", Role.AGENT);
    EmailThread ticket = fixture.ticket("Refund", T0);
    fixture.stores.tickets().append(ticket.id(), message(ThreadMessage.Direction.NOTE, "olga@example.com", "Olga",
        "📞 Call from Carla <b>Lima</b> answered by Olga").onThread(ticket.id()), null);
    fixture.stores.tickets().append(ticket.id(), message(ThreadMessage.Direction.VOICEMAIL, null, "+14155550101",
        "Voicemail from +14155550101 (42 s): https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1")
        .onThread(ticket.id()), null);

    Document page = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), fixture.login(ana).cookie()))
        .document();

    Element note = page.selectFirst("li.message.note");
    assertThat(note).isNotNull();
    assertThat(note.selectFirst(".meta strong").text()).isEqualTo("Note");
    assertThat(note.selectFirst(".body").text()).isEqualTo("📞 Call from Carla <b>Lima</b> answered by Olga");
    Element voicemail = page.selectFirst("li.message.voicemail");
    assertThat(voicemail).isNotNull();
    assertThat(voicemail.selectFirst(".meta strong").text()).isEqualTo("Voicemail");
    assertThat(voicemail.selectFirst(".meta").text()).doesNotContain("null").doesNotContain("<");
    assertThat(voicemail.selectFirst(".body").text()).endsWith("(42 s): "
        + "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1");
  }
}
