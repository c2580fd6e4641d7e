package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.http.TrustedProxies;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 64 sign-ins at once with bcrypt at cost 10 (tens of milliseconds a check): the checks in flight never exceed the
 * gate's bound of 2, and the member signing in from another client meanwhile is answered within a bounded time.
 */
class SignInLoadTest {
  private ApiFixture fixture;
  private Member ana;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture(TrustedProxies.parse("127.0.0.1"), 10, new PasswordCheckGate(2, 2, Duration.ofSeconds(2)));
    ana = fixture.member("Ana", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private int token(String client, String email, String password) {
    return fixture.web(fixture.request("/api/auth/token", null).header("X-Forwarded-For", client)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build()).status();
  }

  /** One sign-in of the member with nothing else running, in milliseconds (the second of two: the JVM warm). */
  private long unloaded() {
    token("198.51.100.20", ana.email(), password(ana));
    long started = System.nanoTime();
    assertThat(token("198.51.100.20", ana.email(), password(ana))).isEqualTo(200);
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** 64 guesses at once, guess i from client {@code i % clients}, each for another account; the statuses. */
  private List<Integer> flood(int clients, Runnable meanwhile) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String client = "203.0.113." + (i % clients);
      String email = "nobody-" + i + "@example.com";
      futures.add(pool.submit(() -> {
        start.await();
        return token(client, email, "guess");
      }));
    }
    start.countDown();
    meanwhile.run();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : futures) {
      statuses.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return statuses;
  }

  @Test
  void sixtyFourGuessesFromOneClientShouldRunAtMostTwoChecksWhileTheMemberSignsIn() throws Exception {
    long alone = unloaded();
    int[] anaStatus = new int[1];
    long[] anaMillis = new long[1];

    List<Integer> statuses = flood(1, () -> {
      long started = System.nanoTime();
      anaStatus[0] = token("198.51.100.20", ana.email(), password(ana));
      anaMillis[0] = (System.nanoTime() - started) / 1_000_000;
    });

    long unauthorized = statuses.stream().filter(s -> s == 401).count();
    long refused = statuses.stream().filter(s -> s == 429).count();
    System.out.printf("64 at once from one client: %d x 401, %d x 429, most checks in flight %d; "
        + "the member from another client: %d in %d ms (%d ms alone)%n", unauthorized, refused,
        fixture.gate.mostInFlight(), anaStatus[0], anaMillis[0], alone);
    assertThat(unauthorized + refused).isEqualTo(64);
    assertThat(unauthorized).isBetween(1L, 20L);
    assertThat(fixture.gate.mostInFlight()).isBetween(1, 2);
    assertThat(anaStatus[0]).isEqualTo(200);
    assertThat(anaMillis[0]).isLessThan(3_000);
  }

  @Test
  void sixtyFourGuessesFromSixteenClientsShouldNeverRunMoreThanTwoChecksAtOnce() throws Exception {
    long alone = unloaded();
    int[] anaStatus = new int[1];
    long[] anaMillis = new long[1];

    List<Integer> statuses = flood(16, () -> {
      long started = System.nanoTime();
      anaStatus[0] = token("198.51.100.20", ana.email(), password(ana));
      anaMillis[0] = (System.nanoTime() - started) / 1_000_000;
    });

    long unauthorized = statuses.stream().filter(s -> s == 401).count();
    long refused = statuses.stream().filter(s -> s == 429).count();
    System.out.printf("64 at once from 16 clients: %d x 401, %d x 429, most checks in flight %d; "
        + "the member from another client: %d in %d ms (%d ms alone)%n", unauthorized, refused,
        fixture.gate.mostInFlight(), anaStatus[0], anaMillis[0], alone);
    assertThat(unauthorized + refused).isEqualTo(64);
    assertThat(fixture.gate.mostInFlight()).isEqualTo(2);
    // queued behind at most 2 checks per guessing client, and refused at worst after the 2 s queue
    assertThat(anaStatus[0]).isIn(200, 429);
    assertThat(anaMillis[0]).isLessThan(4_000);
  }
}
