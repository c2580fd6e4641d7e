package io.claimdesk.web.dashboard;

import io.claimdesk.core.ticket.EmailThread;

/** The words of the one-time notices: they name the ticket, so a notice still makes sense on the list it returns to. */
final class Flash {
  /** Long enough to tell tickets apart, short enough for one line on a phone. */
  static final int SUBJECT_CHARS = 60;

  private Flash() {}

  /** The ticket's subject in typographic quotes, shortened to {@link #SUBJECT_CHARS} characters. */
  static String quoted(EmailThread ticket) {
    String subject = ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject().strip();
    if (subject.length() > SUBJECT_CHARS) {
      subject = subject.substring(0, SUBJECT_CHARS - 1).stripTrailing() + "…";
    }
    return "“" + subject + "”";
  }

  /** The text as a sentence: ending in a full stop unless it ends in other punctuation already. */
  static String sentence(String text) {
    String s = text == null || text.isBlank() ? "No reason was given." : text.strip();
    return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
  }
}
