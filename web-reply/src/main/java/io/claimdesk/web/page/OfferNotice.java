package io.claimdesk.web.page;

import java.time.Duration;
import java.time.Instant;

/**
 * A ticket offered to the signed-in member, as the banner at the top of every dashboard page shows it. {@code
 * customer} is the customer's name, else their address.
 */
public record OfferNotice(String offerId, String threadId, String subject, String customer, Instant expiresAt,
    Instant now) {
  /** Where the dashboard's before-handler leaves the signed-in member's open offers for the page frame. */
  public static final String ATTRIBUTE = "claimdesk.offers";

  /** What is left of the offer's time, as the banner first shows it (the page's script counts down from there). */
  public String timeLeft() {
    long seconds = Math.max(0, Duration.between(now, expiresAt).toSeconds());
    return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
  }
}
