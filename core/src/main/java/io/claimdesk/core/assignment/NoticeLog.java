package io.claimdesk.core.assignment;

import io.claimdesk.core.ticket.ChatPost;
import java.time.Instant;
import java.util.Optional;

/**
 * What the assignment policy's chat notices have done, kept in the database so that every instance sees it: the
 * direct message of each offer (to edit it from whichever instance closes the offer), and the one nudge of a claim.
 */
public interface NoticeLog {

  /** True the first time for this claim (ticket and the instant it was claimed), false ever after. */
  boolean firstNudge(String threadId, Instant claimedAt);

  /** Records the direct message that carries {@code offerId} on {@code dm.platform()}. */
  void saveOfferMessage(String offerId, ChatPost dm);

  /** The direct message of {@code offerId} on {@code platform}, once it was sent. */
  Optional<ChatPost> offerMessage(String offerId, String platform);
}
