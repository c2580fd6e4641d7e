package io.claimdesk.core.mail;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the thread an inbound mail belongs to, in order: In-Reply-To, then References newest first, against every
 * known Message-ID (ours included); then the ticket tag in the subject, only when the sender already takes part in
 * that thread. None: the mail opens a new thread.
 */
final class ThreadFinder {
  private static final Pattern TAG = Pattern.compile("\\[#([A-HJ-NP-Z2-9]{8})\\]");

  private final TicketStore tickets;
  private final MessageIndex messageIds;

  ThreadFinder(TicketStore tickets, MessageIndex messageIds) {
    this.tickets = tickets;
    this.messageIds = messageIds;
  }

  /** The thread that {@code mail} belongs to, if it belongs to one already. */
  Optional<String> existing(InboundMail mail) {
    ThreadMessage message = mail.message();
    List<String> references = new ArrayList<>();
    if (message.inReplyTo() != null) {
      references.add(message.inReplyTo());
    }
    List<String> newestFirst = new ArrayList<>(message.references());
    Collections.reverse(newestFirst);
    references.addAll(newestFirst);
    Optional<String> byReference = messageIds.threadOf(references);
    if (byReference.isPresent()) {
      return byReference;
    }
    Matcher tag = TAG.matcher(mail.subject() == null ? "" : mail.subject());
    while (tag.find()) {
      Optional<EmailThread> tagged = tickets.findByTag(tag.group(1));
      if (tagged.isPresent() && takesPart(tagged.get(), message.from())) {
        return Optional.of(tagged.get().id());
      }
    }
    return Optional.empty();
  }

  /** A tag alone is guessable: it only threads mail from someone already on the thread. */
  private boolean takesPart(EmailThread thread, String sender) {
    if (sender == null) {
      return false;
    }
    if (sender.equalsIgnoreCase(thread.customerEmail())) {
      return true;
    }
    for (ThreadMessage m : tickets.messages(thread.id())) {
      if (sender.equalsIgnoreCase(m.from()) || m.to().stream().anyMatch(sender::equalsIgnoreCase)
          || m.cc().stream().anyMatch(sender::equalsIgnoreCase)) {
        return true;
      }
    }
    return false;
  }
}
