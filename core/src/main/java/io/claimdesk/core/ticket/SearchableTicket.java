package io.claimdesk.core.ticket;

import java.util.List;

/**
 * A ticket with the text a search looks in, lower-cased: its subject, customer address and name, then its messages'
 * texts oldest first (each cut after some thousands of characters).
 */
public record SearchableTicket(EmailThread ticket, List<String> text) {
  /** The characters of a message kept for search: keeps a thread of a thousand long mails far under 16 MB. */
  public static final int MESSAGE_CHARS = 8_000;

  public SearchableTicket {
    text = List.copyOf(text);
  }

  /** The first parts of a ticket's search text: its subject, customer address and name. */
  public static List<String> threadText(String subject, String customerEmail, String customerName) {
    return List.of(TicketQuery.fold(subject), TicketQuery.fold(customerEmail), TicketQuery.fold(customerName));
  }

  /** The part of the search text a message adds. */
  public static String messageText(ThreadMessage message) {
    return messageText(message.text());
  }

  /** The part of the search text a message of this text adds. */
  public static String messageText(String text) {
    String kept = text == null ? "" : text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) : text;
    return TicketQuery.fold(kept);
  }

  /** True when every word appears in some part of the text. */
  public static boolean matches(List<String> text, List<String> words) {
    for (String word : words) {
      boolean found = false;
      for (String part : text) {
        if (part.contains(word)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
