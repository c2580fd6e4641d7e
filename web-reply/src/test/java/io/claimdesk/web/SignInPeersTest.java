package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.http.TrustedProxies;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients told apart by their own addresses (127.0.0.2, 127.0.0.3 … on loopback), with no proxy trusted unless a
 * test says so: guesses from one address never stop the member at another, and a forwarding header from a peer
 * that is not a trusted proxy changes nothing.
 */
class SignInPeersTest {
  private static final String A = "127.0.0.2";
  private static final String B = "127.0.0.3";

  private ApiFixture fixture;

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private WebResponse token(String from, String email, String password, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/json");
    return FromAddress.post(from, fixture.app.port(), "/api/auth/token", all,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private WebResponse token(String from, String email, String password) {
    return token(from, email, password, Map.of());
  }

  @Test
  void fiveThenFiftyWrongPasswordsFromOneAddressShouldNotStopTheMemberAtAnother() {
    fixture = new ApiFixture();
    Member ana = fixture.member("Ana", Role.AGENT);
    for (int i = 0; i < 5; i++) {
      assertThat(token(A, ana.email(), "guess-" + i).status()).isEqualTo(401);
    }
    assertThat(token(B, ana.email(), password(ana)).status()).as("after 5 failures from A").isEqualTo(200);

    // 45 more, every one checked: the guesser waits out each delay (1 s, 2 s … up to 15 minutes)
    int checked = 5;
    long longestWait = 0;
    while (checked < 50) {
      WebResponse response = token(A, ana.email(), "guess-" + checked);
      if (response.status() == 429) {
        long wait = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        longestWait = Math.max(longestWait, wait);
        fixture.signInClock.advance(Duration.ofSeconds(wait));
        continue;
      }
      assertThat(response.status()).isEqualTo(401);
      checked++;
    }
    System.out.printf("50 wrong passwords from A, longest wait %d s%n", longestWait);
    assertThat(longestWait).isEqualTo(15 * 60);

    long started = System.nanoTime();
    WebResponse fromB = token(B, ana.email(), password(ana));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("ana from B after 50 failures from A: %d in %d ms%n", fromB.status(), millis);
    assertThat(fromB.status()).as("after 50 failures from A").isEqualTo(200);
    assertThat(token(A, ana.email(), password(ana)).status()).as("A itself").isEqualTo(429);
  }

  /** The dashboard's sign-in form, fetched from anywhere and posted from {@code from}. */
  private WebResponse form(String from, String email, String password) {
    ApiFixture.LoginForm form = fixture.loginForm(null);
    String body = "formToken=" + encode(form.formToken()) + "&email=" + encode(email) + "&password="
        + encode(password);
    return FromAddress.post(from, fixture.app.port(), "/login", Map.of("Cookie",
        ApiFixture.LOGIN_COOKIE + "=" + form.cookie(), "Content-Type", "application/x-www-form-urlencoded"), body);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void fiveWrongPasswordsAtTheFormFromOneAddressShouldNotLockTheMemberOutAtAnother() {
    fixture = new ApiFixture();
    Member ana = fixture.member("Ana", Role.AGENT);
    for (int i = 0; i < 5; i++) {
      assertThat(form(A, ana.email(), "guess-" + i).status()).isEqualTo(401);
    }

    WebResponse fromB = form(B, ana.email(), password(ana));

    assertThat(fromB.status()).as(fromB.body()).isEqualTo(302);
    assertThat(fromB.cookie(ApiFixture.SESSION_COOKIE)).isNotEmpty();
    assertThat(form(A, ana.email(), password(ana)).status()).as("A itself").isEqualTo(429);
  }

  @Test
  void forwardingHeaderFromAPeerThatIsNoTrustedProxyShouldNotOpenANewAllowance() {
    fixture = new ApiFixture(TrustedProxies.parse("10.0.0.0/8"), 4, PasswordCheckGate.forThisMachine());
    Member ana = fixture.member("Ana", Role.AGENT);
    for (int i = 0; i < 5; i++) {
      WebResponse response = token(A, ana.email(), "guess-" + i, Map.of("X-Forwarded-For", "198.51.100." + i));
      assertThat(response.status()).isEqualTo(401);
    }

    WebResponse spoofed = token(A, ana.email(), password(ana), Map.of("X-Forwarded-For", "198.51.100.99",
        "X-Real-IP", "198.51.100.99", "Forwarded", "for=198.51.100.99"));

    assertThat(spoofed.status()).isEqualTo(429);
    assertThat(spoofed.headers().firstValue("Retry-After")).contains("1");
    assertThat(token(B, ana.email(), password(ana)).status()).isEqualTo(200);
  }
}
