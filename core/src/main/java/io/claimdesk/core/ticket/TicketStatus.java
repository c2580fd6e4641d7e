package io.claimdesk.core.ticket;

import java.util.Locale;
import java.util.Optional;

/** Where a ticket is in its life; the wire value is the lower-case name. */
public enum TicketStatus {
  OPEN,
  IN_PROGRESS,
  WAITING,
  RESOLVED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How people read it: "Open", "In progress", "Waiting", "Resolved". */
  public String label() {
    String words = value().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** The status whose wire value is {@code value}, if any. */
  public static Optional<TicketStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (TicketStatus status : values()) {
      if (status.value().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
