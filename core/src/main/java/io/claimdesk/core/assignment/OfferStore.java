package io.claimdesk.core.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Offers ({@code offers}): at most one open offer per ticket, even with several instances writing, and every
 * closed offer kept.
 */
public interface OfferStore {

  /** Opens {@code offer}; false (nothing stored) when the ticket already has an open offer. */
  boolean open(Offer offer);

  /**
   * Closes the open offer {@code offerId} with {@code status}; the closed offer, or empty when it is not open (never
   * was, or another close won).
   */
  Optional<Offer> close(String offerId, Offer.Status status, Instant at);

  /** Removes an open offer without a trace: it was opened for a ticket that had meanwhile found an owner. */
  void withdraw(String offerId);

  /** The offer with this id, open or closed. */
  Optional<Offer> find(String offerId);

  /** The ticket's open offer, if any. */
  Optional<Offer> openFor(String threadId);

  /** Every open offer, oldest first. */
  List<Offer> allOpen();

  /** Open offers whose time is up at {@code now}, oldest first. */
  List<Offer> due(Instant now);

  /** The ticket's most recently closed offer, if any. */
  Optional<Offer> lastClosed(String threadId);
}
