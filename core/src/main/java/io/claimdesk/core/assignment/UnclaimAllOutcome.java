package io.claimdesk.core.assignment;

/** What a manager's "unclaim all of this member's tickets" did. */
public sealed interface UnclaimAllOutcome {
  record Released(int count) implements UnclaimAllOutcome {}

  record NotAllowed(String message) implements UnclaimAllOutcome {}

  record NotFound() implements UnclaimAllOutcome {
    public String message() {
      return "Team member not found";
    }
  }
}
