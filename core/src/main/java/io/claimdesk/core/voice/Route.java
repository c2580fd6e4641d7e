package io.claimdesk.core.voice;

import java.util.List;

/** What a call does next: ring some members, take a voicemail, or end (someone answered). */
public sealed interface Route {

  /** Rings these members at once; {@code callerName} is shown to them before they answer. */
  record Ring(int step, String callerName, List<Ringee> members) implements Route {
    public Ring {
      members = List.copyOf(members);
    }
  }

  /** Nobody to ring, or nobody answered: the caller may leave a message. */
  record Voicemail() implements Route {}

  /** The call was answered: nothing more to do. */
  record Hangup() implements Route {}

  /** A member to ring: in the browser softphone, or on {@code phone} when it is not null. */
  record Ringee(String memberId, String phone) {}
}
