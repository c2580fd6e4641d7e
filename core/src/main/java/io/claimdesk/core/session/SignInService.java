package io.claimdesk.core.session;

import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way to present a password (the dashboard's form, the API's token exchange): every check passes the
 * {@link LoginThrottle} and the {@link PasswordCheckGate}, so no door is left where guessing is quick or can slow
 * everyone down.
 */
public final class SignInService {
  /** What a client told the server is busy is asked to wait before trying again. */
  static final Duration BUSY_RETRY = Duration.ofSeconds(1);

  private final TeamStore team;
  private final Secrets secrets;
  private final LoginThrottle throttle;
  private final PasswordCheckGate gate;

  public SignInService(TeamStore team, Secrets secrets, LoginThrottle throttle, PasswordCheckGate gate) {
    this.team = team;
    this.secrets = secrets;
    this.throttle = throttle;
    this.gate = gate;
  }

  /** The outcome of one attempt. */
  public sealed interface Outcome permits SignedIn, Refused, Wait {}

  /** The right password of an active member. */
  public record SignedIn(TeamMember member) implements Outcome {}

  /** A wrong email or password; counted as a failure. */
  public record Refused() implements Outcome {}

  /** Not checked: the client must wait {@code retryAfter} (after failures, or while the server is busy). */
  public record Wait(Duration retryAfter, boolean busy) implements Outcome {}

  /** Checks the password of {@code email} presented by {@code client} (its address), within the limits. */
  public Outcome signIn(String email, String password, String client) {
    Optional<PasswordCheckGate.Pass> pass = gate.enter(client);
    if (pass.isEmpty()) {
      return new Wait(BUSY_RETRY, true); // this client has checks running already: nothing more is done for it
    }
    try (PasswordCheckGate.Pass place = pass.get()) {
      LoginThrottle.Decision decision = throttle.attempt(email, client);
      if (decision.attempt().isEmpty()) {
        return new Wait(decision.retryAfter(), false);
      }
      LoginThrottle.Attempt attempt = decision.attempt().get();
      Optional<TeamMember> member = email == null || email.isBlank() ? Optional.empty()
          : team.findByEmail(email.trim()).filter(TeamMember::active);
      String hash = member.flatMap(m -> team.passwordHash(m.id())).orElse(null);
      Optional<Boolean> verified = place.check(() -> secrets.verifyPassword(password, hash));
      if (verified.isEmpty()) {
        throttle.cancelled(attempt);
        return new Wait(BUSY_RETRY, true);
      }
      if (!verified.get()) {
        return new Refused(); // the attempt stays counted
      }
      throttle.succeeded(attempt);
      return new SignedIn(member.orElseThrow());
    }
  }
}
