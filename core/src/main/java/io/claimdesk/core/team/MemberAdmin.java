package io.claimdesk.core.team;

import io.claimdesk.core.contact.PhoneNumbers;
import java.util.Optional;

/**
 * Changes to members made by people: an admin's edits of role, activity, chat ids, phone, capacity and voice mode,
 * and availability (anyone their own, managers anyone's). The team is never left without an active admin.
 */
public final class MemberAdmin {
  public static final String ONLY_ADMINS = "Only admins can change team members";
  public static final String ONLY_MANAGERS = "Only managers can change another member's availability";
  public static final String NOT_FOUND = "Team member not found";
  static final String SELF_DEACTIVATE = "You cannot deactivate yourself: another admin must do it";
  static final String LAST_ADMIN = "The team needs at least one active admin: make another member admin first";

  private final TeamStore store;

  public MemberAdmin(TeamStore store) {
    this.store = store;
  }

  /** What a change came to: the member as it now is, or why not (with the message to show). */
  public sealed interface Result {
    record Updated(TeamMember member) implements Result {}

    record NotFound() implements Result {}

    record Forbidden(String message) implements Result {}

    record Invalid(String message) implements Result {}

    record Taken(String message) implements Result {}
  }

  /** An admin's change; the phone is normalised to E.164, an empty one clears it. */
  public Result update(TeamMember actor, String memberId, MemberUpdate update) {
    if (actor.role() != Role.ADMIN) {
      return new Result.Forbidden(ONLY_ADMINS);
    }
    Optional<TeamMember> found = store.find(memberId);
    if (found.isEmpty()) {
      return new Result.NotFound();
    }
    TeamMember target = found.get();
    if (update.capacity().isPresent() && update.capacity().get() < 0
        && update.capacity().get() != MemberUpdate.UNLIMITED) {
      return new Result.Invalid("capacity must be a whole number of 0 or more, or null for no limit");
    }
    MemberUpdate checked = update;
    if (update.phone().isPresent() && !update.phone().get().isBlank()) {
      String given = update.phone().get();
      Optional<String> e164 = PhoneNumbers.e164(given);
      if (e164.isEmpty()) {
        return new Result.Invalid(PhoneNumbers.invalid(given));
      }
      checked = update.withPhone(e164.get());
    }
    boolean deactivates = target.active() && checked.active().map(a -> !a).orElse(false);
    if (deactivates && actor.id().equals(memberId)) {
      return new Result.Invalid(SELF_DEACTIVATE);
    }
    boolean demotes = target.role() == Role.ADMIN && checked.role().map(r -> r != Role.ADMIN).orElse(false);
    if (target.role() == Role.ADMIN && target.active() && (deactivates || demotes) && !anotherActiveAdmin(memberId)) {
      return new Result.Invalid(LAST_ADMIN);
    }
    TeamStore.UpdateOutcome outcome = store.update(memberId, checked);
    if (outcome instanceof TeamStore.UpdateOutcome.Updated updated) {
      if (target.role() == Role.ADMIN && target.active() && (deactivates || demotes) && !anotherActiveAdmin(null)) {
        // two admins stepping down at once each saw the other: whoever finds no admin left takes it back
        store.update(memberId, MemberUpdate.none().withRole(Role.ADMIN).withActive(true));
        return new Result.Invalid(LAST_ADMIN);
      }
      return new Result.Updated(updated.member());
    }
    if (outcome instanceof TeamStore.UpdateOutcome.Taken taken) {
      String which = taken.field().equals("slackUserId") ? "Slack" : "Discord";
      return new Result.Taken("This " + which + " user id is already linked to another team member");
    }
    return new Result.NotFound();
  }

  /** Sets a member's availability: anyone their own, managers and admins anyone's. */
  public Result setAvailability(TeamMember actor, String memberId, Availability availability) {
    if (!actor.id().equals(memberId) && !actor.role().canManageTickets()) {
      return new Result.Forbidden(ONLY_MANAGERS);
    }
    return store.setAvailability(memberId, availability)
        .<Result>map(Result.Updated::new)
        .orElseGet(Result.NotFound::new);
  }

  /** Whether an active admin other than {@code memberId} (any, when null) exists. */
  private boolean anotherActiveAdmin(String memberId) {
    return store.all().stream().anyMatch(m -> m.active() && m.role() == Role.ADMIN && !m.id().equals(memberId));
  }
}
