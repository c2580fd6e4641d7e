package io.claimdesk.core.claim;

import java.util.Locale;

/** What happened to a ticket's ownership. */
public enum AssignmentAction {
  CLAIMED,
  UNCLAIMED,
  REASSIGNED,
  AUTO_CLAIMED,
  /** Claimed for a member by the assignment policy. */
  ASSIGNED,
  OFFERED,
  ACCEPTED,
  DECLINED,
  EXPIRED,
  /** Given back to the queue by the policy (a reopened ticket whose owner may not keep it, a stale claim). */
  RELEASED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AssignmentAction of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
