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

  @Test
  void loginThrottleRefusesTheSixthAttemptAfterFiveFailuresForFifteenMinutes() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
      assertThat(throttle.attempt(i % 2 == 0 ? "Ana@example.com" : "ana@example.com", "10.0.0." + i)).isEmpty();
      throttle.failed("10.0.0." + i);
    }
    assertThat(throttle.attempt("ana@example.com", "10.0.0.9")).get().isEqualTo(LoginThrottle.WINDOW);
    assertThat(throttle.attempt("bo@example.com", "10.0.0.9")).isEmpty();

    clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
    assertThat(throttle.attempt("ana@example.com", "10.0.0.9")).isEmpty();
  }

  @Test
  void loginThrottleCountsSimultaneousAttemptsBeforeAnyPasswordIsChecked() throws Exception {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      results.add(pool.submit(() -> throttle.attempt("ana@example.com", "10.0.0.1").isEmpty()));
    }
    int allowed = 0;
    for (java.util.concurrent.Future<Boolean> result : results) {
      allowed += result.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(allowed).isEqualTo(LoginThrottle.ACCOUNT_LIMIT);
  }

  @Test
  void loginThrottleLimitsOneAddressTryingManyAccounts() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
      assertThat(throttle.attempt("user" + i + "@example.com", "203.0.113.9")).isEmpty();
      throttle.failed("203.0.113.9");
    }
    assertThat(throttle.attempt("someone-new@example.com", "203.0.113.9")).isPresent();
    assertThat(throttle.attempt("someone-new@example.com", "203.0.113.10")).isEmpty();
  }

  @Test
  void successfulLoginClearsTheAccountCount() {
    LoginThrottle throttle = new LoginThrottle(stores.loginFailures(), clock);
    for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
      throttle.attempt("ana@example.com", "10.0.0.1");
    }
    throttle.succeeded("ana@example.com");
    assertThat(throttle.attempt("ana@example.com", "10.0.0.9")).isEmpty();
  }
}
