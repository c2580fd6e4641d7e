package io.claimdesk.core.team;

import java.util.Locale;
import java.util.Optional;

/** What a member may do beyond claiming and replying: managers reassign, admins also manage the team. */
public enum Role {
  AGENT,
  MANAGER,
  ADMIN;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean canManageTickets() {
    return this != AGENT;
  }

  public static Optional<Role> parse(String value) {
    for (Role role : values()) {
      if (role.value().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
