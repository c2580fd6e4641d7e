package io.claimdesk.mail.smtp;

import io.claimdesk.core.ticket.ThreadMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Subject, In-Reply-To and References of a reply, as mail clients write them. */
final class ReplyHeaders {
  /** Reply and forward prefixes in the languages mail clients use, repeated or not. */
  private static final Pattern PREFIXES =
      Pattern.compile("^(\\s*(re|fwd?|aw|wg|sv|antw|vs|tr|rif|odp)\\s*(\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("\\s*\\[#[A-Z0-9]+\\]");
  private static final int MAX_REFERENCES = 20;

  private ReplyHeaders() {}

  /** {@code Re: <subject without prefixes or old tag> [#tag]}. */
  static String subject(String subject, String tag) {
    String base = TAG.matcher(PREFIXES.matcher(subject == null ? "" : subject).replaceFirst("")).replaceAll("").strip();
    return "Re: " + (base.isEmpty() ? "(no subject)" : base) + (tag == null ? "" : " [#" + tag + "]");
  }

  /** The customer's latest message, which the reply answers. */
  static ThreadMessage lastInbound(List<ThreadMessage> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).direction() == ThreadMessage.Direction.INBOUND) {
        return history.get(i);
      }
    }
    return null;
  }

  /** The answered message's references followed by its own id, without repeats, the newest 20 at most. */
  static List<String> references(ThreadMessage answered) {
    if (answered == null) {
      return List.of();
    }
    LinkedHashSet<String> chain = new LinkedHashSet<>(answered.references());
    if (answered.messageId() != null) {
      chain.add(answered.messageId());
    }
    List<String> all = new ArrayList<>(chain);
    return all.subList(Math.max(0, all.size() - MAX_REFERENCES), all.size());
  }
}
