package io.claimdesk.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delay rules alone: how long an attempt waits after a given history of failures. */
class SignInDelaysTest {
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

  private static List<Instant> failuresEverySecond(int count) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      times.add(T0.plusSeconds(i));
    }
    return times;
  }

  @Test
  void pairShouldLetFiveFailuresThroughThenDoubleTheWaitFromOneSecond() {
    Instant last = T0.plusSeconds(4);
    assertThat(LoginThrottle.PAIR.wait(failuresEverySecond(4), last)).isZero();
    assertThat(LoginThrottle.PAIR.wait(failuresEverySecond(5), last)).isEqualTo(Duration.ofSeconds(1));

    List<Long> waits = new ArrayList<>();
    for (int failures = 5; failures <= 12; failures++) {
      Instant latest = T0.plusSeconds(failures - 1);
      waits.add(LoginThrottle.PAIR.wait(failuresEverySecond(failures), latest).toSeconds());
    }
    assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L);
  }

  @Test
  void pairWaitShouldStopAtFifteenMinutesAndCountFromTheLatestFailure() {
    List<Instant> many = failuresEverySecond(60);
    Instant latest = T0.plusSeconds(59);

    assertThat(LoginThrottle.PAIR.wait(many, latest)).isEqualTo(Duration.ofMinutes(15));
    assertThat(LoginThrottle.PAIR.wait(many, latest.plus(Duration.ofMinutes(10)))).isEqualTo(Duration.ofMinutes(5));
    assertThat(LoginThrottle.PAIR.wait(many, latest.plus(Duration.ofMinutes(15)))).isZero();
  }

  @Test
  void failuresOlderThanTheWindowShouldNotCount() {
    List<Instant> old = failuresEverySecond(30);

    assertThat(LoginThrottle.PAIR.wait(old, T0.plus(Duration.ofHours(24)).plusSeconds(30))).isZero();
    assertThat(LoginThrottle.CLIENT.wait(old, T0.plus(Duration.ofHours(1)).plusSeconds(30))).isZero();
  }

  @Test
  void clientShouldLetTwentyFailuresThroughAndWaitAtMostOneMinute() {
    assertThat(LoginThrottle.CLIENT.wait(failuresEverySecond(19), T0.plusSeconds(18))).isZero();
    assertThat(LoginThrottle.CLIENT.wait(failuresEverySecond(20), T0.plusSeconds(19)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(LoginThrottle.CLIENT.wait(failuresEverySecond(64), T0.plusSeconds(63)))
        .isEqualTo(Duration.ofMinutes(1));
  }
}
