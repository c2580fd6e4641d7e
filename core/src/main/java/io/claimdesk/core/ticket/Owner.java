package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.Objects;

/** Who owns a ticket and since when; a ticket without an owner is unassigned. */
public record Owner(String memberId, String email, String name, Instant claimedAt) {
  public Owner {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(claimedAt, "claimedAt");
  }

  /** The name to show, falling back to the email when the member has none. */
  public String displayName() {
    return name == null || name.isBlank() ? email : name;
  }
}
