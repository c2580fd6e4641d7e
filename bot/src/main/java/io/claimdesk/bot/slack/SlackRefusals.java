package io.claimdesk.bot.slack;

import io.claimdesk.core.claim.ClaimOutcome;

/** The SPEC §5 text of a refused claim-rule decision, as shown to the Slack user who asked. */
final class SlackRefusals {
  private SlackRefusals() {}

  /** The refusal message, or null when the change was made. */
  static String text(ClaimOutcome outcome) {
    if (outcome instanceof ClaimOutcome.AlreadyClaimed claimed) {
      return claimed.message();
    } else if (outcome instanceof ClaimOutcome.NotAllowed notAllowed) {
      return notAllowed.message();
    } else if (outcome instanceof ClaimOutcome.NotFound notFound) {
      return notFound.message();
    } else if (outcome instanceof ClaimOutcome.Invalid invalid) {
      return invalid.message();
    }
    return null;
  }
}
