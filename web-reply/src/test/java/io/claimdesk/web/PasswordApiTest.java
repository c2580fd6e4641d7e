package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Members change their own password with the current one; admins reset anyone's. */
class PasswordApiTest {
  private static final String NEW = "a-brand-new-password";

  private ApiFixture fixture;
  private Member ana;
  private Member admin;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    admin = fixture.member("Admin", Role.ADMIN);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response changeOwn(Member m, String current, String next) {
    return fixture.post("/api/team/me/password", m.token(),
        "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}");
  }

  private int signIn(String email, String password) {
    return fixture.post("/api/auth/token", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
        .status();
  }

  @Test
  void memberShouldChangeTheirOwnPasswordOnlyWithTheCurrentOne() {
    Response wrong = changeOwn(ana, "not-the-password", NEW);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.error()).isEqualTo("Current password is wrong");

    assertThat(changeOwn(ana, password(ana), NEW).status()).isEqualTo(200);

    assertThat(signIn(ana.email(), password(ana))).isEqualTo(401);
    assertThat(signIn(ana.email(), NEW)).isEqualTo(200);
  }

  @Test
  void newPasswordShouldFollowTheRulesOfAnyPassword() {
    assertThat(changeOwn(ana, password(ana), "short").error()).isEqualTo("Password must be at least 10 characters");
    Response tooLong = changeOwn(ana, password(ana), "x".repeat(73));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error()).isEqualTo("Password must be at most 72 bytes");
    Response missing = fixture.post("/api/team/me/password", admin.token(), "{\"newPassword\":\"" + NEW + "\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("Missing field: currentPassword");
    assertThat(signIn(ana.email(), password(ana))).isEqualTo(200);
  }

  @Test
  void guessingTheCurrentPasswordShouldBeThrottledLikeAnySignIn() {
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(ana.email(), "guess-" + i)).isEqualTo(401);
    }
    for (int i = 3; i < 5; i++) {
      assertThat(changeOwn(ana, "guess-" + i, NEW).status()).isEqualTo(403);
    }

    Response delayed = changeOwn(ana, password(ana), NEW);

    assertThat(delayed.status()).isEqualTo(429);
    assertThat(delayed.error()).isEqualTo("Too many failed sign-ins. Try again in 1 second.");
    HttpRequest request = fixture.request("/api/team/me/password", ana.token())
        .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"x\",\"newPassword\":\"" + NEW + "\"}"))
        .build();
    assertThat(fixture.web(request).headers().firstValue("Retry-After")).contains("1");
    assertThat(signIn(ana.email(), password(ana))).as("same client, same account").isEqualTo(429);
  }

  @Test
  void adminShouldResetAnyonesPasswordAndNobodyElse() {
    Response refused = fixture.post("/api/team/" + admin.id() + "/password", ana.token(),
        "{\"newPassword\":\"" + NEW + "\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("Only admins can reset passwords");

    assertThat(fixture.post("/api/team/" + ana.id() + "/password", admin.token(), "{\"newPassword\":\"" + NEW + "\"}")
        .status()).isEqualTo(200);
    assertThat(signIn(ana.email(), NEW)).isEqualTo(200);

    Response unknown = fixture.post("/api/team/0123456789abcdef01234567/password", admin.token(),
        "{\"newPassword\":\"" + NEW + "\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("Team member not found");
  }
}
