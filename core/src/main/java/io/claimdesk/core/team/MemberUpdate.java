package io.claimdesk.core.team;

import java.util.Optional;

/**
 * The fields an admin changes on a member; an empty {@link Optional} leaves a field alone, and for the optional
 * fields an {@code Optional} holding an empty string (ids, phone) or {@link #UNLIMITED} (capacity) clears it.
 */
public record MemberUpdate(
    Optional<Role> role,
    Optional<Boolean> active,
    Optional<String> slackUserId,
    Optional<String> discordUserId,
    Optional<String> phone,
    Optional<Integer> capacity,
    Optional<VoiceMode> voice) {

  /** The capacity value that removes a member's limit. */
  public static final int UNLIMITED = -1;

  public static MemberUpdate none() {
    return new MemberUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public MemberUpdate withRole(Role value) {
    return new MemberUpdate(Optional.of(value), active, slackUserId, discordUserId, phone, capacity, voice);
  }

  public MemberUpdate withActive(boolean value) {
    return new MemberUpdate(role, Optional.of(value), slackUserId, discordUserId, phone, capacity, voice);
  }

  public MemberUpdate withSlackUserId(String value) {
    return new MemberUpdate(role, active, Optional.of(value), discordUserId, phone, capacity, voice);
  }

  public MemberUpdate withDiscordUserId(String value) {
    return new MemberUpdate(role, active, slackUserId, Optional.of(value), phone, capacity, voice);
  }

  public MemberUpdate withPhone(String value) {
    return new MemberUpdate(role, active, slackUserId, discordUserId, Optional.of(value), capacity, voice);
  }

  public MemberUpdate withCapacity(int value) {
    return new MemberUpdate(role, active, slackUserId, discordUserId, phone, Optional.of(value), voice);
  }

  public MemberUpdate withVoice(VoiceMode value) {
    return new MemberUpdate(role, active, slackUserId, discordUserId, phone, capacity, Optional.of(value));
  }
}
