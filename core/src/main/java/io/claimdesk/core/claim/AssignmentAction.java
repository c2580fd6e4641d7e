package io.claimdesk.core.claim;

import java.util.Locale;

/** What happened to a ticket's ownership. */
public enum AssignmentAction {
  CLAIMED,
  UNCLAIMED,
  REASSIGNED,
  AUTO_CLAIMED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AssignmentAction of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
