package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.LOGIN_COOKIE;
import static io.claimdesk.web.ApiFixture.SESSION_COOKIE;
import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.LoginForm;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.http.TrustedProxies;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords through every door (the API's token exchange, the dashboard's form) from one client slows that
 * client alone: the member signs in from their own client at once. The server sits behind a trusted proxy on
 * 127.0.0.1 whose {@code X-Forwarded-For} names each client; the sign-in clock moves only when a test moves it.
 */
class SignInThrottleApiTest {
  private static final String ATTACKER = "203.0.113.7";
  private static final String ANA_DESK = "198.51.100.20";

  private ApiFixture fixture;
  private Member ana;
  private Member bo;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture(TrustedProxies.parse("127.0.0.1"), 4, PasswordCheckGate.forThisMachine());
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** {@code POST /api/auth/token} from the forwarded client. */
  private WebResponse token(String client, String email, String password) {
    return fixture.web(fixture.request("/api/auth/token", null).header("X-Forwarded-For", client)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build());
  }

  /** The dashboard's sign-in form posted from the forwarded client. */
  private WebResponse form(String client, String email, String password) {
    LoginForm form = fixture.loginForm(null);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("formToken", form.formToken());
    fields.put("email", email);
    fields.put("password", password);
    return fixture.web(HttpRequest.newBuilder(fixture.form("/login", null, fields), (n, v) -> true)
        .header("Cookie", LOGIN_COOKIE + "=" + form.cookie()).header("X-Forwarded-For", client).build());
  }

  private static long retryAfter(WebResponse response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  /** Guesses from {@code clients} in turn, 100 ms apart; 401 and 429 counts and the first wait of each refusal run. */
  private Tally guess(List<String> clients, String email, int attempts) {
    Tally tally = new Tally();
    for (int i = 0; i < attempts; i++) {
      String client = clients.get(i % clients.size());
      WebResponse response = token(client, email, "guess-" + i);
      tally.count(client, response);
      fixture.signInClock.advance(Duration.ofMillis(100));
    }
    return tally;
  }

  private static final class Tally {
    int unauthorized;
    int refused;
    final Map<String, Long> lastWait = new LinkedHashMap<>();
    final List<Long> firstWaits = new ArrayList<>();

    void count(String client, WebResponse response) {
      if (response.status() == 401) {
        unauthorized++;
        lastWait.remove(client);
        return;
      }
      assertThat(response.status()).as(response.body()).isEqualTo(429);
      assertThat(response.body()).contains("Too many failed sign-ins");
      refused++;
      long wait = retryAfter(response);
      if (!lastWait.containsKey(client)) {
        firstWaits.add(wait);
      }
      lastWait.put(client, wait);
    }
  }

  @Test
  void sixHundredGuessesFromOneClientShouldBeDelayedWhileTheMemberSignsInFromTheirOwn() {
    Tally tally = guess(List.of(ATTACKER), ana.email(), 600);

    System.out.printf("600 guesses from one client over 60 s: %d x 401, %d x 429, waits %s%n", tally.unauthorized,
        tally.refused, tally.firstWaits);
    assertThat(tally.unauthorized).isEqualTo(10);
    assertThat(tally.refused).isEqualTo(590);
    assertThat(tally.firstWaits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L);

    long started = System.nanoTime();
    WebResponse own = token(ANA_DESK, ana.email(), password(ana));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("the member from their own client: %d in %d ms%n", own.status(), millis);
    assertThat(own.status()).isEqualTo(200);
    assertThat(millis).isLessThan(2_000);
    // the right password from the guessing client waits its turn like a guess
    assertThat(token(ATTACKER, ana.email(), password(ana)).status()).isEqualTo(429);
  }

  @Test
  void sixHundredGuessesSpreadOverSixForwardedClientsShouldBeDelayedForEach() {
    List<String> clients = List.of("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5",
        "203.0.113.6");

    Tally tally = guess(clients, ana.email(), 600);

    System.out.printf("600 guesses from six clients over 60 s: %d x 401, %d x 429, largest wait %d s%n",
        tally.unauthorized, tally.refused, tally.firstWaits.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(tally.unauthorized).isEqualTo(60);
    assertThat(tally.refused).isEqualTo(540);
    assertThat(tally.firstWaits).hasSize(36).contains(16L, 32L);
    assertThat(token(ANA_DESK, ana.email(), password(ana)).status()).isEqualTo(200);
  }

  @Test
  void aClientDelayedAtTheFormShouldGetNoTokenFromTheApiAndTheOtherWayRound() {
    for (int i = 0; i < 5; i++) {
      assertThat(form(ATTACKER, ana.email(), "guess-" + i).status()).isEqualTo(401);
    }
    WebResponse api = token(ATTACKER, ana.email(), password(ana));
    assertThat(api.status()).isEqualTo(429);
    assertThat(retryAfter(api)).isEqualTo(1);

    for (int i = 0; i < 5; i++) {
      assertThat(token(ATTACKER, bo.email(), "guess-" + i).status()).isEqualTo(401);
    }
    WebResponse page = form(ATTACKER, bo.email(), password(bo));
    assertThat(page.status()).isEqualTo(429);
    assertThat(page.document().select("#login-error").text()).isEqualTo(
        "Too many failed sign-ins. Try again in 1 second.");
    assertThat(page.setCookies(SESSION_COOKIE)).isEmpty();

    // both members, each from their own client, go through either door
    assertThat(token(ANA_DESK, ana.email(), password(ana)).status()).isEqualTo(200);
    assertThat(form("198.51.100.30", bo.email(), password(bo)).status()).isEqualTo(302);
  }

  @Test
  void manyFailuresFromOneForwardedClientShouldNotBlockAMemberWhoNeverFailedFromAnother() {
    Member mia = fixture.member("Mia", Role.MANAGER);
    for (int i = 0; i < 25; i++) {
      WebResponse response = token(ATTACKER, "nobody-" + i + "@example.com", "guess");
      if (response.status() == 429) {
        fixture.signInClock.advance(Duration.ofSeconds(retryAfter(response)));
        response = token(ATTACKER, "nobody-" + i + "@example.com", "guess");
      }
      assertThat(response.status()).as("failure %d", i).isEqualTo(401);
    }
    assertThat(token(ATTACKER, mia.email(), password(mia)).status()).as("the spraying client").isEqualTo(429);

    assertThat(token("198.51.100.40", mia.email(), password(mia)).status()).isEqualTo(200);
    assertThat(form("198.51.100.41", mia.email(), password(mia)).status()).isEqualTo(302);
  }

  @Test
  void twentyFailuresAtTheFormFromOneForwardedClientShouldNotLockOutTheTeamBehindTheSameProxy() {
    Member mia = fixture.member("Mia", Role.MANAGER);
    for (int i = 0; i < 20; i++) {
      assertThat(form(ATTACKER, "nobody-" + i + "@example.com", "guess").status()).as("failure %d", i)
          .isEqualTo(401);
    }

    WebResponse colleague = form("198.51.100.50", mia.email(), password(mia));

    assertThat(colleague.status()).as(colleague.body()).isEqualTo(302);
    assertThat(colleague.cookie(SESSION_COOKIE)).isNotEmpty();
    assertThat(form(ATTACKER, mia.email(), password(mia)).status()).as("the spraying client").isEqualTo(429);
  }
}
