package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebSession;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A password change signs the member out everywhere but where the change was made, keeping their API tokens; an
 * admin's reset signs them out everywhere and revokes their tokens.
 */
class PasswordSessionsTest {
  private static final String NEW = "a-brand-new-password";
  private static final String PAGE = "/dashboard/tickets/unassigned";

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

  private int pageStatus(WebSession session) {
    return fixture.web(fixture.page(PAGE, session.cookie())).status();
  }

  @Test
  void changingOnesPasswordOnTheDashboardShouldEndOnlyTheOtherSessions() {
    WebSession here = fixture.login(ana);
    WebSession elsewhere = fixture.login(ana);
    WebSession admins = fixture.login(admin);

    int status = fixture.web(fixture.form("/dashboard/account/password", here.cookie(),
        Map.of("_csrf", here.csrf(), "currentPassword", password(ana), "newPassword", NEW))).status();

    assertThat(status).isEqualTo(302);
    assertThat(pageStatus(here)).isEqualTo(200);
    assertThat(pageStatus(elsewhere)).isEqualTo(302); // to the login page
    assertThat(pageStatus(admins)).isEqualTo(200);
    assertThat(fixture.get("/api/emails/tickets/mine", ana.token()).status()).isEqualTo(200);
  }

  @Test
  void changingOnesPasswordWithASessionOverTheApiShouldKeepThatSession() {
    WebSession here = fixture.login(ana);
    WebSession elsewhere = fixture.login(ana);

    int status = fixture.send(fixture.request("/api/team/me/password", null)
        .header("Cookie", ApiFixture.SESSION_COOKIE + "=" + here.cookie()).header("X-CSRF-Token", here.csrf())
        .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"" + password(ana) + "\",\"newPassword\":\""
            + NEW + "\"}")).build()).status();

    assertThat(status).isEqualTo(200);
    assertThat(pageStatus(here)).isEqualTo(200);
    assertThat(pageStatus(elsewhere)).isEqualTo(302);
  }

  @Test
  void changingOnesPasswordWithATokenShouldEndEverySession() {
    WebSession session = fixture.login(ana);

    assertThat(fixture.post("/api/team/me/password", ana.token(),
        "{\"currentPassword\":\"" + password(ana) + "\",\"newPassword\":\"" + NEW + "\"}").status()).isEqualTo(200);

    assertThat(pageStatus(session)).isEqualTo(302);
    assertThat(fixture.get("/api/emails/tickets/mine", ana.token()).status()).isEqualTo(200);
  }

  @Test
  void anAdminsResetShouldEndEveryOneOfTheMembersSessionsAndRevokeTheirTokens() {
    WebSession anas = fixture.login(ana);
    WebSession admins = fixture.login(admin);

    assertThat(fixture.post("/api/team/" + ana.id() + "/password", admin.token(),
        "{\"newPassword\":\"" + NEW + "\"}").status()).isEqualTo(200);

    assertThat(pageStatus(anas)).isEqualTo(302);
    assertThat(fixture.get("/api/emails/tickets/mine", ana.token()).status()).isEqualTo(401);
    assertThat(pageStatus(admins)).isEqualTo(200);
    assertThat(fixture.get("/api/emails/tickets/mine", admin.token()).status()).isEqualTo(200);
  }
}
