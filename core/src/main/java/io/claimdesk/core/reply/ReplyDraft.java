package io.claimdesk.core.reply;

import io.claimdesk.core.ticket.ThreadMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an author hands in to reply: the text, the addresses to copy (CC) and attachments already streamed into the
 * attachment store.
 */
public record ReplyDraft(String body, List<String> cc, List<ThreadMessage.Attachment> attachments) {
  /** Most CC addresses on one reply: a reply is an answer to one customer, not a mailing. */
  public static final int MAX_CC = 10;
  /** One address, as typed in a CC field: {@code local@domain.tld}, no display name, no spaces or separators. */
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s<>()\\[\\],;:\"\\\\]{1,64}@[^@\\s<>()\\[\\],;:\"\\\\.]+(\\.[^@\\s<>()\\[\\],;:\"\\\\.]+)+");

  public ReplyDraft {
    cc = cc == null ? List.of() : List.copyOf(cc);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** Only text. */
  public static ReplyDraft text(String body) {
    return new ReplyDraft(body, List.of(), List.of());
  }

  /** The addresses of a CC field: separated by commas, semicolons or white space; blanks dropped. */
  public static List<String> splitAddresses(String field) {
    List<String> addresses = new ArrayList<>();
    if (field != null) {
      for (String part : field.split("[,;\\s]+")) {
        if (!part.isBlank()) {
          addresses.add(part.strip());
        }
      }
    }
    return addresses;
  }

  /** Why the CC list cannot be used, or null: the first malformed address, or too many. */
  String ccProblem() {
    if (cc.size() > MAX_CC) {
      return "At most " + MAX_CC + " CC addresses";
    }
    for (String address : cc) {
      if (address == null || address.length() > 254 || !ADDRESS.matcher(address).matches()) {
        return "Invalid CC address: " + address;
      }
    }
    return null;
  }

  /** The CC addresses without repeats (compared ignoring case) and without the customer's own. */
  List<String> ccWithout(String customer) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<String> kept = new ArrayList<>();
    for (String address : cc) {
      String key = address.toLowerCase(Locale.ROOT);
      if (!key.equals(customer == null ? null : customer.toLowerCase(Locale.ROOT)) && seen.add(key)) {
        kept.add(address);
      }
    }
    return kept;
  }
}
