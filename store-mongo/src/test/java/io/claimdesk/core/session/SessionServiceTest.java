package io.claimdesk.core.session;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final SessionService sessions = new SessionService(stores.sessions(), stores.team(), clock);
  private final TeamMember ana = stores.team()
      .insert(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null), "hash").orElseThrow();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void startedSessionResolvesToItsMemberAndStoresOnlyTheHashOfTheCookie() {
    SessionService.Started started = sessions.start(ana);

    assertThat(sessions.resolve(started.cookieValue())).get()
        .satisfies(s -> assertThat(s.member().email()).isEqualTo("ana@example.com"));
    assertThat(db.database().getCollection("web_sessions").find().first().getString("_id"))
        .isNotEqualTo(started.cookieValue()).hasSize(64);
    assertThat(started.session().csrfToken()).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void everyLoginGetsANewSessionIdAndUnknownCookiesResolveToNothing() {
    String first = sessions.start(ana).cookieValue();
    String second = sessions.start(ana).cookieValue();

    assertThat(first).isNotEqualTo(second);
    assertThat(sessions.resolve("planted-by-an-attacker")).isEmpty();
    assertThat(sessions.resolve("")).isEmpty();
    assertThat(sessions.resolve(null)).isEmpty();
  }

  @Test
  void sessionExpiresAfterIdleTimeoutButUseExtendsIt() {
    String cookie = sessions.start(ana).cookieValue();

    clock.advance(SessionService.IDLE_TIMEOUT.minus(Duration.ofMinutes(5)));
    assertThat(sessions.resolve(cookie)).isPresent();
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.resolve(cookie)).as("used 10 minutes ago, so still valid").isPresent();
    clock.advance(SessionService.IDLE_TIMEOUT.plusSeconds(1));
    assertThat(sessions.resolve(cookie)).isEmpty();
    assertThat(sessions.purgeExpired()).isEqualTo(1);
  }

  @Test
  void sessionInUseShouldEndSevenDaysAfterSignIn() {
    String cookie = sessions.start(ana).cookieValue();

    for (int hours = 0; hours < 7 * 24 - 6; hours += 6) {
      clock.advance(Duration.ofHours(6));
      assertThat(sessions.resolve(cookie)).as("used every 6 hours, %d h after sign-in", hours + 6).isPresent();
    }
    clock.advance(Duration.ofHours(6).minusSeconds(1));
    assertThat(sessions.resolve(cookie)).as("one second before 7 days").isPresent();
    clock.advance(SessionService.CACHE_TTL.plusSeconds(1));
    assertThat(sessions.resolve(cookie)).as("7 days after sign-in, though used").isEmpty();
  }

  @Test
  void logoutEndsTheSession() {
    String cookie = sessions.start(ana).cookieValue();

    sessions.end(cookie);

    assertThat(sessions.resolve(cookie)).isEmpty();
  }

  @Test
  void flashIsShownOnce() {
    String cookie = sessions.start(ana).cookieValue();
    WebSession session = sessions.resolve(cookie).orElseThrow().session();
    sessions.flash(session, "Claimed");

    WebSession reloaded = sessions.resolve(cookie).orElseThrow().session();
    assertThat(sessions.takeFlash(reloaded)).contains("Claimed");
    assertThat(sessions.takeFlash(sessions.resolve(cookie).orElseThrow().session())).isEmpty();
  }

  private static boolean allowed(LoginThrottle throttle, String email, String client) {
    return throttle.attempt(email, client).attempt().isPresent();
  }

  @Test
  void loginThrottleDelaysTheSixthAttemptOfAPairByOneSecondThenTwoButNotOtherClientsOfTheAccount() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < 5; i++) {
      assertThat(allowed(throttle, i % 2 == 0 ? "Ana@example.com" : "ana@example.com", "10.0.0.1")).isTrue();
    }
    assertThat(throttle.attempt("ana@example.com", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(1));
    // the account itself is not locked: its member's own client, and other accounts, go on at once
    assertThat(allowed(throttle, "ana@example.com", "10.0.0.9")).isTrue();
    assertThat(allowed(throttle, "bo@example.com", "10.0.0.1")).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(allowed(throttle, "ana@example.com", "10.0.0.1")).isTrue();
    assertThat(throttle.attempt("ana@example.com", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
    // refused attempts are not failures: hammering does not push the wait further
    for (int i = 0; i < 10; i++) {
      throttle.attempt("ana@example.com", "10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(2));
    assertThat(allowed(throttle, "ana@example.com", "10.0.0.1")).isTrue();
  }

  @Test
  void loginThrottleCountsSimultaneousAttemptsBeforeAnyPasswordIsChecked() throws Exception {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      results.add(pool.submit(() -> allowed(throttle, "ana@example.com", "10.0.0.1")));
    }
    int allowed = 0;
    for (java.util.concurrent.Future<Boolean> result : results) {
      allowed += result.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(allowed).isEqualTo(LoginThrottle.PAIR.free());
    assertThat(stores.loginFailures().read("pair:ana@example.com|10.0.0.1").times()).hasSize(5);
  }

  @Test
  void loginThrottleDelaysOneClientTryingManyAccountsButNotAnotherClient() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < LoginThrottle.CLIENT.free(); i++) {
      assertThat(allowed(throttle, "user" + i + "@example.com", "203.0.113.9")).isTrue();
    }
    assertThat(throttle.attempt("someone-new@example.com", "203.0.113.9").retryAfter())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(allowed(throttle, "someone-new@example.com", "203.0.113.10")).isTrue();
  }

  @Test
  void successfulLoginClearsThePairAndIsNotCountedAgainstTheClient() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < 4; i++) {
      throttle.attempt("ana@example.com", "10.0.0.1");
    }
    LoginThrottle.Attempt fifth = throttle.attempt("ana@example.com", "10.0.0.1").attempt().orElseThrow();
    throttle.succeeded(fifth);

    assertThat(stores.loginFailures().read("pair:ana@example.com|10.0.0.1").times()).isEmpty();
    assertThat(stores.loginFailures().read("client:10.0.0.1").times()).hasSize(4);
    assertThat(allowed(throttle, "ana@example.com", "10.0.0.1")).isTrue();
  }

  @Test
  void cancelledAttemptIsNotCounted() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    LoginThrottle.Attempt attempt = throttle.attempt("ana@example.com", "10.0.0.1").attempt().orElseThrow();

    throttle.cancelled(attempt);

    assertThat(stores.loginFailures().read("pair:ana@example.com|10.0.0.1").times()).isEmpty();
    assertThat(stores.loginFailures().read("client:10.0.0.1").times()).isEmpty();
  }

  @Test
  void failureStoreReplacesOnlyTheVersionItRead() {
    LoginThrottle.FailureStore failures = stores.loginFailures();
    Instant at = clock.instant();
    assertThat(failures.replace("k", 0, java.util.List.of(at))).isTrue();
    assertThat(failures.replace("k", 0, java.util.List.of(at))).as("a second insert").isFalse();
    LoginThrottle.Failures read = failures.read("k");

    assertThat(failures.replace("k", read.version(), java.util.List.of(at, at.plusSeconds(1)))).isTrue();
    assertThat(failures.replace("k", read.version(), java.util.List.of())).as("a stale version").isFalse();
    assertThat(failures.read("k").times()).containsExactly(at, at.plusSeconds(1));

    failures.clear("k");
    assertThat(failures.read("k")).isEqualTo(LoginThrottle.Failures.NONE);
  }

  @Test
  void failureStoreShouldForgetOnlyKeysWhoseFailuresAreAllBeforeTheCutoff() {
    LoginThrottle.FailureStore failures = stores.loginFailures();
    Instant t = clock.instant();
    failures.replace("old", 0, java.util.List.of(t.minusSeconds(7200), t.minusSeconds(3601)));
    failures.replace("mixed", 0, java.util.List.of(t.minusSeconds(7200), t.minusSeconds(60)));
    failures.replace("at-cutoff", 0, java.util.List.of(t.minusSeconds(3600)));
    failures.replace("empty", 0, java.util.List.of());

    assertThat(failures.forgetBefore(t.minusSeconds(3600))).isEqualTo(2);

    assertThat(failures.read("old")).isEqualTo(LoginThrottle.Failures.NONE);
    assertThat(failures.read("empty")).isEqualTo(LoginThrottle.Failures.NONE);
    assertThat(failures.read("mixed").times()).hasSize(2);
    assertThat(failures.read("at-cutoff").times()).containsExactly(t.minusSeconds(3600));
  }

  @Test
  void failedSignInsWithEverNewNamesShouldBeForgottenADayLaterAtMostOnceAnHour() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < 30; i++) {
      assertThat(throttle.attempt("nobody" + i + "@example.com", "10.0.0." + i).attempt()).isPresent();
    }
    var logins = db.database().getCollection("login_failures");
    assertThat(logins.countDocuments()).as("a pair key and a client key each").isEqualTo(60);

    clock.advance(java.time.Duration.ofHours(23)); // a sweep, with nothing a day old yet
    assertThat(throttle.attempt("ana@example.com", "10.0.1.1").attempt()).isPresent();
    assertThat(logins.countDocuments()).isEqualTo(62);

    clock.advance(java.time.Duration.ofMinutes(61)); // the thirty are 24 h 1 min old
    assertThat(throttle.attempt("ana@example.com", "10.0.1.2").attempt()).isPresent();
    assertThat(logins.countDocuments()).as("Ana's keys of 61 minutes ago and her new ones").isEqualTo(4);

    stores.loginFailures().replace("stale", 0, java.util.List.of(clock.instant().minus(java.time.Duration.ofDays(2))));
    clock.advance(java.time.Duration.ofMinutes(59));
    assertThat(throttle.attempt("bo@example.com", "10.0.2.1").attempt()).isPresent();
    assertThat(logins.countDocuments()).as("no sweep within the hour: the stale key is still there").isEqualTo(7);
    clock.advance(java.time.Duration.ofMinutes(2));
    assertThat(throttle.attempt("cy@example.com", "10.0.3.1").attempt()).isPresent();
    assertThat(logins.countDocuments()).as("the stale key gone, Cy's two new").isEqualTo(8);
    assertThat(stores.loginFailures().read("stale")).isEqualTo(LoginThrottle.Failures.NONE);
  }

  @Test
  void endingAllOfAMembersSessionsShouldKeepTheOneAskedAndOtherMembersSessions() {
    TeamMember bo = stores.team()
        .insert(new NewMember("Bo", "bo@example.com", Role.AGENT, null, null, null), "hash").orElseThrow();
    SessionService.Started kept = sessions.start(ana);
    String ended = sessions.start(ana).cookieValue();
    String bos = sessions.start(bo).cookieValue();
    assertThat(sessions.resolve(ended)).isPresent(); // now answered from memory: ending it must clear that too

    assertThat(sessions.endAllOf(ana.id(), kept.session())).isEqualTo(1);

    assertThat(sessions.resolve(ended)).isEmpty();
    assertThat(sessions.resolve(kept.cookieValue())).isPresent();
    assertThat(sessions.resolve(bos)).isPresent();
    assertThat(sessions.endAllOf(ana.id(), null)).isEqualTo(1);
    assertThat(sessions.resolve(kept.cookieValue())).isEmpty();
    assertThat(db.database().getCollection("web_sessions").countDocuments()).isEqualTo(1);
  }
}
