package io.claimdesk.core.team;

import java.util.Locale;
import java.util.Optional;

/** How a member takes calls: in the browser softphone, on their own phone number, or not at all. */
public enum VoiceMode {
  CLIENT,
  PHONE,
  OFF;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<VoiceMode> parse(String value) {
    for (VoiceMode mode : values()) {
      if (mode.value().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
