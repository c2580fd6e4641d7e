package io.claimdesk.core.mail;

import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Instant;
import java.util.List;

/**
 * One parsed inbound email. {@code messageId} is always set: when the mail had none it is a stable synthetic one
 * ({@code syntheticMessageId}), the same for the same mail. {@code from} is the bare, lower-cased sender address
 * or null when the mail has no usable From. {@code date} falls back to the time of receipt ({@code dateMissing}).
 * {@code text} is always readable text (derived from the HTML when there is no text part); {@code html} is
 * sanitized for display or null.
 */
public record InboundMail(
    String messageId,
    boolean syntheticMessageId,
    String inReplyTo,
    List<String> references,
    String from,
    String fromName,
    List<String> to,
    List<String> cc,
    String subject,
    Instant date,
    boolean dateMissing,
    String text,
    String html,
    List<ThreadMessage.Attachment> attachments,
    Noise noise) {

  public InboundMail {
    references = references == null ? List.of() : List.copyOf(references);
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** Machine-sent mail that must never notify anyone or reopen a ticket. */
  public enum Noise {
    NONE,
    AUTO_REPLY,
    BOUNCE
  }
}
