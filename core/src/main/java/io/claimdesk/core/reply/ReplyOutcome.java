package io.claimdesk.core.reply;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.ticket.EmailThread;

/** The result of a reply attempt. */
public sealed interface ReplyOutcome {

  /** The reply was accepted by the mail server and recorded on the thread, which the author now owns. */
  record Sent(EmailThread thread, String messageId) implements ReplyOutcome {}

  /** The claim rules refused the reply (someone else owns the ticket, unknown ticket...); nothing was sent. */
  record Refused(ClaimOutcome reason) implements ReplyOutcome {}

  /** The request itself is unusable, such as an empty body; nothing was sent. */
  record Invalid(String message) implements ReplyOutcome {}

  /**
   * The mail server did not accept it; nothing was recorded as sent. It is kept as pending reply {@code replyId},
   * which its author may retry or discard.
   */
  record SendFailed(EmailThread thread, String message, String replyId) implements ReplyOutcome {}

  /** A pending reply cannot be retried or discarded in the state it is in (sent, discarded, being sent). */
  record Conflict(String message) implements ReplyOutcome {}

  /** No pending reply has the id given. */
  record NoSuchReply() implements ReplyOutcome {
    public String message() {
      return "Reply not found";
    }
  }

  /** A pending reply was discarded; it will never be sent. */
  record Discarded(String replyId) implements ReplyOutcome {}
}
