package io.claimdesk.core.claim;

import io.claimdesk.core.ticket.EmailThread;

/** The result of a claim-rule decision: expected refusals are values, not exceptions. */
public sealed interface ClaimOutcome {

  /** The refusal, word for word what the API and the dashboard say (for chat users); null when the change was made. */
  default String refusal() {
    if (this instanceof AlreadyClaimed claimed) {
      return claimed.message();
    } else if (this instanceof NotAllowed notAllowed) {
      return notAllowed.message();
    } else if (this instanceof NotFound notFound) {
      return notFound.message();
    } else if (this instanceof Invalid invalid) {
      return invalid.message();
    }
    return null;
  }

  /** The change was made, or was already in place (claiming your own ticket again). */
  record Won(EmailThread thread) implements ClaimOutcome {}

  /** Somebody else owns the ticket. */
  record AlreadyClaimed(EmailThread thread) implements ClaimOutcome {
    public String message() {
      return "Ticket is already claimed by " + thread.owner().email();
    }
  }

  /** The member may not do this. */
  record NotAllowed(String message) implements ClaimOutcome {}

  /** No such ticket. */
  record NotFound() implements ClaimOutcome {
    public String message() {
      return "Ticket not found";
    }
  }

  /** The request names something that does not exist or cannot be used, such as an inactive member. */
  record Invalid(String message) implements ClaimOutcome {}
}
