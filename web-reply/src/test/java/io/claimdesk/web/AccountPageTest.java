package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's account page: a member changes their password with the current one and the CSRF token. */
class AccountPageTest {
  private static final String NEW = "a-brand-new-password";

  private ApiFixture fixture;
  private Member ana;
  private WebSession session;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    session = fixture.login(ana);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private WebResponse change(String csrf, String current, String next) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf);
    fields.put("currentPassword", current);
    fields.put("newPassword", next);
    return fixture.web(fixture.form("/dashboard/account/password", session.cookie(), fields));
  }

  @Test
  void accountPageShouldOfferThePasswordFormFromTheHeader() {
    WebResponse home = fixture.web(fixture.page("/dashboard/tickets/unassigned", session.cookie()));
    assertThat(home.document().selectFirst("header a.who").attr("href")).isEqualTo("/dashboard/account");

    WebResponse page = fixture.web(fixture.page("/dashboard/account", session.cookie()));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.document().select("#change-password input[type=password]")).hasSize(2);
    assertThat(page.document().selectFirst("#change-password input[name=_csrf]").attr("value"))
        .isEqualTo(session.csrf());
  }

  @Test
  void passwordShouldChangeOnlyWithTheCurrentOneAndTheCsrfToken() {
    assertThat(change("forged", password(ana), NEW).status()).isEqualTo(403);

    WebResponse wrong = change(session.csrf(), "not-the-password", NEW);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.document().select("#password-error").text()).isEqualTo("Current password is wrong");

    WebResponse tooLong = change(session.csrf(), password(ana), "é".repeat(37));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.document().select("#password-error").text()).isEqualTo("Password must be at most 72 bytes");

    WebResponse changed = change(session.csrf(), password(ana), NEW);
    assertThat(changed.status()).isEqualTo(302);
    assertThat(changed.location()).isEqualTo("/dashboard/account");
    WebResponse after = fixture.web(fixture.page("/dashboard/account", session.cookie()));
    assertThat(after.document().select(".flash.ok").text()).isEqualTo("Your password was changed.");

    assertThat(fixture.attemptLogin(ana.email(), password(ana)).status()).isEqualTo(401);
    assertThat(fixture.attemptLogin(ana.email(), NEW).status()).isEqualTo(302);
  }
}
