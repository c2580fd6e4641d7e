package io.claimdesk.core.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progressive delays after failed sign-ins, never a lock of the account: failures count per (account, client) and
 * per client, so that guessing from one client slows that client alone, and the member signs in from their own
 * client whatever is tried elsewhere. Failures are kept in the database ({@code login_failures}), shared by every
 * instance. A refused attempt is not a failure: hammering does not push the delay further.
 */
public final class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  /** One account from one client: five free failures, then 1 s, 2 s, 4 s … up to 15 minutes between attempts. */
  public static final Rule PAIR = new Rule(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(24));
  /**
   * One client over every account (password spraying): twenty free failures, then 1 s, 2 s … up to one minute; the
   * cap is short because an address may be shared by a whole team (a proxy not listed in {@code TRUSTED_PROXIES}).
   */
  public static final Rule CLIENT = new Rule(20, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1));
  /** Failures kept per key: enough for any delay to reach its cap. */
  static final int KEEP = 64;
  /** Attempts racing on one key retry their compare-and-set; past this many, the attempt is asked to come back. */
  private static final int RACES = 20;
  /** How often the keys past every window are deleted. */
  static final Duration SWEEP_EVERY = Duration.ofHours(1);

  private final FailureStore failures;
  private final Clock clock;
  private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

  public LoginThrottle(FailureStore failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** Where failed attempts are recorded ({@code login_failures}), written by compare-and-set. */
  public interface FailureStore {
    /** The failure times under the key and the record's version; {@link Failures#NONE} when there is none. */
    Failures read(String key);

    /** Replaces the key's times if its record is still at {@code version} (0: none yet); false when not. */
    boolean replace(String key, long version, List<Instant> times);

    /** Forgets the failures under the key. */
    void clear(String key);

    /** Forgets every key whose failures all happened before {@code cutoff} (or that has none); how many. */
    long forgetBefore(Instant cutoff);
  }

  /** Failure times as stored and the version a replacement must match. */
  public record Failures(List<Instant> times, long version) {
    public static final Failures NONE = new Failures(List.of(), 0);
  }

  /** How many failures are free, and how the wait then grows from {@code base}, doubling up to {@code cap}. */
  public record Rule(int free, Duration base, Duration cap, Duration window) {
    /** How long from {@code now} the next attempt must wait; zero when it may go now. */
    public Duration wait(List<Instant> times, Instant now) {
      List<Instant> recent = recent(times, now);
      if (recent.size() < free) {
        return Duration.ZERO;
      }
      int doublings = recent.size() - free;
      Duration delay = doublings >= 31 ? cap : base.multipliedBy(1L << doublings);
      Instant ready = recent.get(recent.size() - 1).plus(delay.compareTo(cap) > 0 ? cap : delay);
      return now.isBefore(ready) ? Duration.between(now, ready) : Duration.ZERO;
    }

    List<Instant> recent(List<Instant> times, Instant now) {
      Instant from = now.minus(window);
      return times.stream().filter(t -> t.isAfter(from)).sorted().toList();
    }
  }

  /** An attempt let through: counted as a failure from {@code at} until it is reported a success or cancelled. */
  public record Attempt(String pairKey, String clientKey, Instant at) {}

  /** Either an attempt that may check its password now, or how long to wait before the next one. */
  public record Decision(Optional<Attempt> attempt, Duration retryAfter) {}

  /**
   * Lets an attempt through when neither the (account, client) pair nor the client has to wait, and counts it as a
   * failure at once (a compare-and-set on each), so that many attempts at once cannot all pass as the first.
   */
  public Decision attempt(String email, String client) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the database keeps milliseconds
    sweepIfDue(now);
    String pairKey = "pair:" + normalized(email) + "|" + normalized(client);
    String clientKey = "client:" + normalized(client);
    for (int race = 0; race < RACES; race++) {
      Failures pair = failures.read(pairKey);
      Failures byClient = failures.read(clientKey);
      Duration pairWait = PAIR.wait(pair.times(), now);
      Duration clientWait = CLIENT.wait(byClient.times(), now);
      Duration wait = pairWait.compareTo(clientWait) >= 0 ? pairWait : clientWait;
      if (!wait.isZero()) {
        return new Decision(Optional.empty(), wait);
      }
      if (!failures.replace(pairKey, pair.version(), appended(PAIR, pair.times(), now))) {
        continue;
      }
      if (!failures.replace(clientKey, byClient.version(), appended(CLIENT, byClient.times(), now))) {
        remove(pairKey, now);
        continue;
      }
      return new Decision(Optional.of(new Attempt(pairKey, clientKey, now)), Duration.ZERO);
    }
    return new Decision(Optional.empty(), Duration.ofSeconds(1));
  }

  /** Deletes the keys past the longest window, when the last sweep of this instance is an hour old. */
  private void sweepIfDue(Instant now) {
    Instant due = nextSweep.get();
    if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
      return;
    }
    try {
      long forgotten = failures.forgetBefore(now.minus(PAIR.window())); // the longer window of the two
      if (forgotten > 0) {
        log.info("forgot the failed sign-ins of {} keys, none of them in the last {}", forgotten, PAIR.window());
      }
    } catch (RuntimeException e) {
      // the attempt goes on; the next sweep, an hour later, deletes what this one did not
      log.warn("could not forget old failed sign-ins: {}", e.toString());
    }
  }

  /** The password was right: the pair starts afresh; the client keeps its other failures, not this attempt. */
  public void succeeded(Attempt attempt) {
    failures.clear(attempt.pairKey());
    remove(attempt.clientKey(), attempt.at());
  }

  /** The password was never checked (the server was too busy): the attempt does not count. */
  public void cancelled(Attempt attempt) {
    remove(attempt.pairKey(), attempt.at());
    remove(attempt.clientKey(), attempt.at());
  }

  private void remove(String key, Instant at) {
    for (int race = 0; race < RACES; race++) {
      Failures current = failures.read(key);
      List<Instant> times = new ArrayList<>(current.times());
      if (!times.remove(at) || failures.replace(key, current.version(), times)) {
        return;
      }
    }
  }

  private static List<Instant> appended(Rule rule, List<Instant> times, Instant now) {
    List<Instant> kept = new ArrayList<>(rule.recent(times, now));
    kept.add(now);
    return kept.size() > KEEP ? List.copyOf(kept.subList(kept.size() - KEEP, kept.size())) : kept;
  }

  private static String normalized(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
