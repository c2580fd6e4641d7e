package io.claimdesk.core.team;

/** A person on the support team. Credentials are not part of it: they stay inside {@link TeamStore}. */
public record TeamMember(
    String id,
    String name,
    String email,
    Role role,
    String slackUserId,
    String discordUserId,
    String phone,
    boolean active) {

  public String displayName() {
    return name == null || name.isBlank() ? email : name;
  }
}
