package io.claimdesk.core.assignment;

import java.util.Optional;

/** The team's settings ({@code settings}); today the one assignment policy document. */
public interface SettingsStore {

  /** The saved policy; empty when none was saved yet. */
  Optional<AssignmentPolicy> assignmentPolicy();

  /** Replaces the policy. */
  void saveAssignmentPolicy(AssignmentPolicy policy);
}
