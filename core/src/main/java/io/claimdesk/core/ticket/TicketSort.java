package io.claimdesk.core.ticket;

import java.util.Locale;
import java.util.Optional;

/**
 * The orders of the ticket lists: by arrival (newest first, the default), by last activity (newest message first),
 * by status, by owner's name (each then newest first). The wire value is the lower-case name.
 */
public enum TicketSort {
  RECEIVED,
  ACTIVITY,
  STATUS,
  OWNER;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The sort whose wire value is {@code value}, if any. */
  public static Optional<TicketSort> parse(String value) {
    for (TicketSort sort : values()) {
      if (sort.value().equals(value)) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }
}
