package io.claimdesk.bot.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * One chat channel that shows ticket messages (a Slack channel, a Discord channel). Calls are blocking and either
 * succeed or throw {@link ChatException} saying what kind of failure it was; pacing and retrying are the
 * {@link ChatSync}'s business, not the target's.
 */
public interface ChatTarget {

  /** The chat tool, as recorded in a ticket's {@code chat} field: {@code slack}, {@code discord}. */
  String platform();

  /** The channel the messages go to. */
  String channel();

  /** Names the target in stored state, logs and the outbox consumer: {@code slack:C0123}. Never changes. */
  default String key() {
    return platform() + ":" + channel();
  }

  /** Posts the card as a new message and returns its reference (Slack ts, Discord message id). */
  String post(TicketCard card);

  /** Replaces the content of the message {@code messageRef} with the card. */
  void update(String messageRef, TicketCard card);

  /**
   * A message for this ticket posted at or after {@code since}, if the chat has one: asked before posting again
   * after an attempt whose outcome is unknown (the process died between posting and recording the reference).
   */
  Optional<String> findPosted(String threadId, Instant since);

  /** A digest of what {@link #update} would send for the card, to skip updates that change nothing visible. */
  String fingerprint(TicketCard card);
}
