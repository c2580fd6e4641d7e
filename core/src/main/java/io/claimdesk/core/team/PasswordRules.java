package io.claimdesk.core.team;

import java.util.Optional;

/** What a new password must be, wherever it is set: 10 characters or more, and all of it readable by bcrypt. */
public final class PasswordRules {
  public static final int MIN_LENGTH = 10;

  private PasswordRules() {}

  /** Why the password cannot be set, in the words users see; empty when it can. */
  public static Optional<String> problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("Password must be at least " + MIN_LENGTH + " characters");
    }
    return Secrets.fits(password) ? Optional.empty() : Optional.of(Secrets.TOO_LONG);
  }
}
