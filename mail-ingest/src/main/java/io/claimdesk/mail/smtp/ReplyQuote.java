package io.claimdesk.mail.smtp;

import io.claimdesk.core.ticket.ThreadMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The customer's message quoted under a reply, as mail clients write it: {@code On <date>, <name> wrote:} then each
 * line after {@code > }. Mail clients fold such a quote away; without it a customer who wrote several mails cannot
 * tell which one the answer is to.
 */
final class ReplyQuote {
  /** A quote longer than this is cut: the customer has the whole message already. */
  static final int MAX_CHARS = 20_000;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ReplyQuote() {}

  /** The body followed by the quote of {@code answered}; the body alone when there is nothing to quote. */
  static String below(String body, ThreadMessage answered) {
    if (answered == null || answered.text() == null || answered.text().isBlank()) {
      return body;
    }
    String text = answered.text().strip();
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS) + "\n[…]";
    }
    StringBuilder out = new StringBuilder(body.stripTrailing()).append("\n\n");
    out.append("On ").append(answered.date() == null ? "an earlier date" : DATE.format(answered.date())).append(", ")
        .append(who(answered)).append(" wrote:\n");
    for (String line : text.split("\r?\n", -1)) {
      out.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
    }
    return out.toString();
  }

  private static String who(ThreadMessage m) {
    String name = m.fromName() == null || m.fromName().isBlank() ? null : m.fromName().strip();
    if (m.from() == null) {
      return name == null ? "the customer" : name;
    }
    return name == null ? m.from() : name + " <" + m.from() + ">";
  }
}
