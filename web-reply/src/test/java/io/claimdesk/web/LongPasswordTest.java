package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bcrypt reads 72 bytes: a longer password is refused when set and is a plain failed sign-in when presented. */
class LongPasswordTest {
  private static final String EIGHTY = "x".repeat(80);
  /** 37 characters, 74 bytes of UTF-8: too long although under 72 characters. */
  private static final String ACCENTED = "é".repeat(37);

  private ApiFixture fixture;
  private Member admin;
  private Member ana;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    admin = fixture.member("Admin", Role.ADMIN);
    ana = fixture.member("Ana", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response create(String email, String password) {
    return fixture.post("/api/team", admin.token(),
        "{\"name\":\"Zed\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private Response token(String email, String password) {
    return fixture.post("/api/auth/token", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  @Test
  void settingAPasswordOverSeventyTwoBytesShouldBeRefusedWithFourHundred() {
    for (String tooLong : new String[] {EIGHTY, ACCENTED}) {
      Response response = create("zed@example.com", tooLong);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.error()).isEqualTo("Password must be at most 72 bytes");
    }
    assertThat(fixture.stores.team().findByEmail("zed@example.com")).isEmpty();

    String exactly72 = "y".repeat(72);
    assertThat(create("zed@example.com", exactly72).status()).isEqualTo(201);
    assertThat(token("zed@example.com", exactly72).status()).isEqualTo(200);
    // bcrypt would read a 73rd byte as nothing: a longer password is not the same password
    assertThat(token("zed@example.com", exactly72 + "z").status()).isEqualTo(401);
  }

  @Test
  void presentingAPasswordOverSeventyTwoBytesShouldBeAFailedSignIn() {
    for (String tooLong : new String[] {EIGHTY, ACCENTED}) {
      Response api = token(ana.email(), tooLong);
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.error()).isEqualTo("Invalid email or password");
    }
    ApiFixture.WebResponse page = fixture.attemptLogin(ana.email(), EIGHTY);
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.document().select("#login-error").text()).isEqualTo("Invalid email or password");
    assertThat(token(ana.email(), password(ana)).status()).isEqualTo(200);
  }
}
