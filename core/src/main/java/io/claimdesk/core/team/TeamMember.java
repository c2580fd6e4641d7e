package io.claimdesk.core.team;

/**
 * A person on the support team. Credentials are not part of it: they stay inside {@link TeamStore}.
 *
 * @param capacity the most claimed, unresolved tickets an assignment policy gives this member; null = unlimited
 *     (manual claims are never refused by capacity)
 */
public record TeamMember(
    String id,
    String name,
    String email,
    Role role,
    String slackUserId,
    String discordUserId,
    String phone,
    boolean active,
    Availability availability,
    Integer capacity,
    VoiceMode voice) {

  public TeamMember {
    availability = availability == null ? Availability.ONLINE : availability;
    voice = voice == null ? VoiceMode.CLIENT : voice;
  }

  /** A member with the defaults of a new one: online, no capacity limit, calls in the browser. */
  public TeamMember(String id, String name, String email, Role role, String slackUserId, String discordUserId,
      String phone, boolean active) {
    this(id, name, email, role, slackUserId, discordUserId, phone, active, Availability.ONLINE, null,
        VoiceMode.CLIENT);
  }

  public String displayName() {
    return name == null || name.isBlank() ? email : name;
  }
}
