package io.claimdesk.core.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Limits failed logins per account and per client address within a sliding window, so that neither one account
 * nor one address can try passwords quickly. Failures are kept in MongoDB, shared by every instance.
 */
public final class LoginThrottle {
  public static final int ACCOUNT_LIMIT = 5;
  public static final int ADDRESS_LIMIT = 20;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final FailureStore failures;
  private final Clock clock;

  public LoginThrottle(FailureStore failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** Where failed attempts are recorded ({@code login_failures}). */
  public interface FailureStore {
    /** Records a failure under the key, keeping at most {@code keep} of the latest; the kept times. */
    List<Instant> record(String key, Instant at, int keep);

    /** The recorded failure times under the key. */
    List<Instant> read(String key);

    /** Forgets the failures under the key. */
    void clear(String key);
  }

  /**
   * Registers a sign-in attempt before the password is checked; how long the caller must wait when the attempt is
   * refused, empty when it may go on. The account's attempt is counted atomically before any password check, so
   * many attempts at once cannot all slip under the limit; a successful sign-in clears the count.
   */
  public Optional<Duration> attempt(String email, String address) {
    Instant now = clock.instant();
    Optional<Duration> client = wait(failures.read(addressKey(address)), ADDRESS_LIMIT, now);
    if (client.isPresent()) {
      return client;
    }
    return wait(failures.record(accountKey(email), now, ACCOUNT_LIMIT + 1), ACCOUNT_LIMIT + 1, now);
  }

  /** Records a failed attempt against the client address (the account's attempt is already counted). */
  public void failed(String address) {
    failures.record(addressKey(address), clock.instant(), ADDRESS_LIMIT);
  }

  /** A successful sign-in clears the account's count (the address keeps its own). */
  public void succeeded(String email) {
    failures.clear(accountKey(email));
  }

  private static Optional<Duration> wait(List<Instant> times, int limit, Instant now) {
    Instant from = now.minus(WINDOW);
    List<Instant> recent = times.stream().filter(t -> t.isAfter(from)).sorted().toList();
    if (recent.size() < limit) {
      return Optional.empty();
    }
    // free again when the oldest failure that still counts leaves the window
    Instant oldest = recent.get(recent.size() - limit);
    return Optional.of(Duration.between(now, oldest.plus(WINDOW)));
  }

  private static String accountKey(String email) {
    return "account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address:" + (address == null ? "" : address);
  }
}
