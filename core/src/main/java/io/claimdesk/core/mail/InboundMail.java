package io.claimdesk.core.mail;

import io.claimdesk.core.ticket.ThreadMessage;
import java.util.Objects;

/**
 * One parsed inbound email: the {@link ThreadMessage} it becomes once stored on a thread (no id or thread yet;
 * {@code INBOUND}, or {@code AUTOMATED} for noise), and what only the mail as received tells. Its Message-ID is
 * always set: when the mail had none it is a stable synthetic one ({@code syntheticMessageId}), the same for the same
 * mail. The sender is the bare, lower-cased address, or null when the mail has no usable From; the date falls back to
 * the time of receipt ({@code dateMissing}); the text is always readable (derived from the HTML when there is no text
 * part) and the HTML sanitized for display or null.
 */
public record InboundMail(
    ThreadMessage message,
    String subject,
    boolean syntheticMessageId,
    boolean dateMissing,
    Noise noise) {

  public InboundMail {
    Objects.requireNonNull(message.messageId(), "messageId");
    if (message.id() != null || message.threadId() != null) {
      throw new IllegalArgumentException("an inbound mail is not on a thread yet: " + message.id());
    }
    if ((message.direction() == ThreadMessage.Direction.AUTOMATED) != (noise != Noise.NONE)) {
      throw new IllegalArgumentException(message.direction() + " mail with noise " + noise);
    }
  }

  public String messageId() {
    return message.messageId();
  }

  /** Machine-sent mail that must never notify anyone or reopen a ticket. */
  public enum Noise {
    NONE,
    AUTO_REPLY,
    BOUNCE;

    /** How a mail of this kind is kept on its thread. */
    public ThreadMessage.Direction direction() {
      return this == NONE ? ThreadMessage.Direction.INBOUND : ThreadMessage.Direction.AUTOMATED;
    }
  }
}
