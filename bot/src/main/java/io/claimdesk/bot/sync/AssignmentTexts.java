package io.claimdesk.bot.sync;

import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferOutcome;

/** The words of the assignment policy's chat notices, the same in Slack and Discord (each escapes its own markup). */
public final class AssignmentTexts {
  public static final String OFFERED = "🎯 This ticket is offered to you";
  public static final String YOURS = "✅ You own this ticket";
  public static final String NO_LONGER_OPEN = OfferOutcome.NO_LONGER_OPEN;

  private AssignmentTexts() {}

  /** How long the member has to answer, as "5 min" or "45 s". */
  public static String within(Offer offer) {
    long seconds = Math.max(0, offer.expiresAt().getEpochSecond() - offer.createdAt().getEpochSecond());
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** What a closed offer's message says: accepted, or no longer open (declined, expired, claimed elsewhere). */
  public static String closed(Offer offer) {
    return offer.status() == Offer.Status.ACCEPTED ? YOURS : NO_LONGER_OPEN;
  }

  /** The nudge after the subject: "has waited 4 h for your reply". */
  public static String waited(int hours) {
    return " has waited " + hours + " h for your reply";
  }

  /** The line beside a released ticket's message, after "Released from <name>". */
  public static String releasedAfter(int hours) {
    return " after " + hours + " h without a reply; back in the queue";
  }
}
