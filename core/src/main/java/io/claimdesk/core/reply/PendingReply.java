package io.claimdesk.core.reply;

import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A reply on its way to the customer, kept from before it is handed to the mail server until the server accepted
 * it: with its Message-ID fixed from the start, a retry after a failure (or after a crash in the middle of
 * sending) goes out as the same mail, which mail clients show once, and is recorded on the thread once.
 */
public record PendingReply(
    String id,
    String threadId,
    String authorId,
    String body,
    String messageId,
    Status status,
    String error,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    List<String> cc,
    List<ThreadMessage.Attachment> attachments) {

  public PendingReply {
    cc = cc == null ? List.of() : List.copyOf(cc);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A reply sending for longer than this was cut off by a stopped process: it may be retried or discarded. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(3);

  /** Still sending at {@code now}, for so long that the process sending it must have stopped. */
  public boolean cutOff(Instant now) {
    return status == Status.SENDING && updatedAt.isBefore(now.minus(STALE_AFTER));
  }

  /** May be sent again or discarded at {@code now}: it failed, or was cut off. */
  public boolean open(Instant now) {
    return status == Status.FAILED || cutOff(now);
  }

  /** Where the reply stands. */
  public enum Status {
    /** Handed to the mail server, no answer yet (or the process stopped before it came). */
    SENDING,
    /** The mail server did not accept it; it can be retried or discarded. */
    FAILED,
    /** Accepted and recorded on the thread. */
    SENT,
    /** Given up by its author or a manager; never sent. */
    DISCARDED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> parse(String value) {
      for (Status s : values()) {
        if (s.value().equals(value)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }
}
