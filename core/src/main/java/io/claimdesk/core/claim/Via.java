package io.claimdesk.core.claim;

import java.util.Locale;

/** The channel through which a change was made, recorded on every assignment event. */
public enum Via {
  SLACK,
  DISCORD,
  WEB,
  API,
  REPLY,
  VOICE,
  AUTO,
  /** The assignment policy itself, with nobody clicking. */
  POLICY;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Via of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
