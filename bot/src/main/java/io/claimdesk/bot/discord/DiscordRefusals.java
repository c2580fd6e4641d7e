package io.claimdesk.bot.discord;

import io.claimdesk.core.claim.ClaimOutcome;

/** The text of a refused claim-rule decision, word for word what the API and dashboard say. */
final class DiscordRefusals {
  private DiscordRefusals() {}

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
