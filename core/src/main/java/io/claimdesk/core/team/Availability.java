package io.claimdesk.core.team;

import java.util.Locale;
import java.util.Optional;

/** Whether a member is there to take tickets and calls; a new member starts {@link #ONLINE}. */
public enum Availability {
  ONLINE,
  AWAY,
  OFFLINE;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Availability> parse(String value) {
    for (Availability availability : values()) {
      if (availability.value().equals(value)) {
        return Optional.of(availability);
      }
    }
    return Optional.empty();
  }
}
