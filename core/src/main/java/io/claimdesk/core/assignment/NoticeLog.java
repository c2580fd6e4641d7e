package io.claimdesk.core.assignment;

import io.claimdesk.core.ticket.ChatPost;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the assignment policy's chat notices have done, kept in the database so that every instance sees it: the
 * direct message of each offer (to edit it from whichever instance closes the offer), the one nudge of a claim, and
 * notices waiting for the one instance that can send them (Discord's, which go through its gateway connection).
 */
public interface NoticeLog {

  /** True the first time for this claim (ticket and the instant it was claimed), false ever after. */
  boolean firstNudge(String threadId, Instant claimedAt);

  /** Records the direct message that carries {@code offerId} on {@code dm.platform()}. */
  void saveOfferMessage(String offerId, ChatPost dm);

  /** The direct message of {@code offerId} on {@code platform}, once it was sent. */
  Optional<ChatPost> offerMessage(String offerId, String platform);

  /** Queues a notice (fields the chat adapter writes and reads) for the instance that can send on {@code platform}. */
  void queue(String platform, Map<String, String> notice);

  /** Takes the oldest queued notice of {@code platform}: each is taken once, even by racing instances. */
  Optional<Map<String, String>> takeQueued(String platform);
}
