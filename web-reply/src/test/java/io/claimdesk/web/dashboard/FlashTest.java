package io.claimdesk.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject in a notice: quoted, never empty, short enough for a phone's line. */
class FlashTest {
  private static EmailThread titled(String subject) {
    return new EmailThread("0123456789abcdef01234567", "support@example.com", subject, "c@example.org", "C",
        TicketStatus.OPEN, null, Instant.EPOCH, Instant.EPOCH, 1, 1, List.of(), "abc");
  }

  @Test
  void aSubjectShouldBeQuotedAndALongOneShortened() {
    String longSubject = "Our whole team cannot sign in since the update of last night, please help us quickly";

    assertThat(Flash.quoted(titled("Printer on fire"))).isEqualTo("“Printer on fire”");
    assertThat(Flash.quoted(titled(longSubject))).isEqualTo("“" + longSubject.substring(0, 59).stripTrailing() + "…”")
        .hasSize(Flash.SUBJECT_CHARS + 2);
    assertThat(Flash.quoted(titled("  "))).isEqualTo("“(no subject)”");
    assertThat(Flash.quoted(titled(null))).isEqualTo("“(no subject)”");
  }

  @Test
  void aSentenceShouldEndInOneFullStop() {
    assertThat(Flash.sentence("connection refused")).isEqualTo("connection refused.");
    assertThat(Flash.sentence("The mail server refused the reply.")).isEqualTo("The mail server refused the reply.");
    assertThat(Flash.sentence(null)).isEqualTo("No reason was given.");
  }
}
