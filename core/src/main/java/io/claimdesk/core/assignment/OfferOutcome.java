package io.claimdesk.core.assignment;

import io.claimdesk.core.ticket.EmailThread;

/** What answering an offer did; refusals are values. */
public sealed interface OfferOutcome {
  String NO_LONGER_OPEN = "This offer is no longer open";
  String NOT_YOURS = "This offer was made to another member";
  String NOT_FOUND = "Offer not found";

  /** Accepted: the member owns the ticket. */
  record Accepted(Offer offer, EmailThread thread) implements OfferOutcome {}

  /** Declined: the ticket goes on to the next member. */
  record Declined(Offer offer) implements OfferOutcome {}

  /** Expired, answered, or lost to a claim meanwhile. */
  record NoLongerOpen() implements OfferOutcome {}

  /** Offered to someone else. */
  record NotYours() implements OfferOutcome {}

  record NotFound() implements OfferOutcome {}
}
