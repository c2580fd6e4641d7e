package io.claimdesk.core.reply;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.util.List;

/**
 * A reply to send: the ticket, who writes, the text, the thread's messages for In-Reply-To, References and the
 * quote of the customer's last message, the Message-ID it must go out with (the same for every attempt), the CC
 * addresses and the attachments (their bytes in the attachment store).
 */
public record OutgoingReply(EmailThread thread, TeamMember author, String body, List<ThreadMessage> history,
    String messageId, List<String> cc, List<ThreadMessage.Attachment> attachments) {

  public OutgoingReply {
    cc = cc == null ? List.of() : List.copyOf(cc);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A reply without CC or attachments. */
  public OutgoingReply(EmailThread thread, TeamMember author, String body, List<ThreadMessage> history,
      String messageId) {
    this(thread, author, body, history, messageId, List.of(), List.of());
  }
}
