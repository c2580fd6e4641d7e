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

  /** The mail server did not accept it; nothing was recorded as sent and the author may try again. */
  record SendFailed(EmailThread thread, String message) implements ReplyOutcome {}
}
