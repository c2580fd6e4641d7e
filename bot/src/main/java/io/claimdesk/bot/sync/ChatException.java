package io.claimdesk.bot.sync;

import java.time.Duration;

/** A chat API call that failed, with what kind of failure it was; the chat sync decides what to do about it. */
public final class ChatException extends RuntimeException {

  /** The kinds of failure, each handled differently. */
  public enum Kind {
    /** Too many calls: wait {@link #retryAfter()} before calling this target again. */
    RATE_LIMITED,
    /** Server error or network problem: retry later with backoff. */
    TRANSIENT,
    /** The message no longer exists (deleted in the chat tool). */
    GONE,
    /** Configuration problem (bad token, unknown channel, missing scope): retrying soon will not help. */
    REJECTED
  }

  private final Kind kind;
  private final Duration retryAfter;

  public ChatException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
  }

  public static ChatException rateLimited(String message, Duration retryAfter) {
    return new ChatException(Kind.RATE_LIMITED, message, retryAfter, null);
  }

  public static ChatException transientFailure(String message, Throwable cause) {
    return new ChatException(Kind.TRANSIENT, message, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
