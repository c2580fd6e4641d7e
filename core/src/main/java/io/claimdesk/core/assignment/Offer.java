package io.claimdesk.core.assignment;

import java.time.Instant;
import java.util.Locale;

/**
 * A ticket offered to one member until {@code expiresAt}: accepted (the member claims it), declined, or expired.
 * {@code closedAt} is null while it is open.
 */
public record Offer(
    String id, String threadId, String memberId, Status status, Instant createdAt, Instant expiresAt,
    Instant closedAt) {

  /** Where an offer stands. */
  public enum Status {
    OPEN, ACCEPTED, DECLINED, EXPIRED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }

  /** This offer, closed with {@code status} at {@code at}. */
  public Offer closed(Status status, Instant at) {
    return new Offer(id, threadId, memberId, status, createdAt, expiresAt, at);
  }
}
