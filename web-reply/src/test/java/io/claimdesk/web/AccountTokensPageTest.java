package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account page's API tokens: listed, created (shown once) and revoked with the page's CSRF token. */
class AccountTokensPageTest {
  private static final String MINE = "/api/emails/tickets/mine";

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

  private Document account() {
    WebResponse page = fixture.web(fixture.page("/dashboard/account", session.cookie()));
    assertThat(page.status()).isEqualTo(200);
    return page.document();
  }

  private WebResponse post(String path, String csrf, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("_csrf", csrf);
    all.putAll(fields);
    return fixture.web(fixture.form(path, session.cookie(), all));
  }

  private static List<String> names(Document page) {
    return page.select("#tokens tbody tr td:first-child").eachText();
  }

  @Test
  void aTokenShouldBeCreatedShownOnceAndWork() {
    Document before = account();
    assertThat(names(before)).containsExactly("API token");
    assertThat(before.select("#tokens tbody tr td").get(3).text()).isEqualTo("never");
    assertThat(before.selectFirst("#create-token input[name=_csrf]").attr("value")).isEqualTo(session.csrf());
    assertThat(before.select("#new-token")).isEmpty();

    WebResponse forged = post("/dashboard/account/tokens", "forged", Map.of("name", "deploy"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(names(account())).containsExactly("API token");

    WebResponse created = post("/dashboard/account/tokens", session.csrf(),
        Map.of("name", "deploy", "expiresInDays", "30"));

    assertThat(created.status()).isEqualTo(200);
    String token = created.document().selectFirst("#new-token code").text();
    assertThat(token).startsWith("cd_").hasSize(46);
    assertThat(names(created.document())).containsExactly("API token", "deploy");
    Element row = created.document().select("#tokens tbody tr").get(1);
    assertThat(Duration.between(Instant.parse(row.select("time").get(0).attr("datetime")),
        Instant.parse(row.select("time").get(1).attr("datetime")))).hasDays(30);
    assertThat(fixture.get(MINE, token).status()).isEqualTo(200);
    Document again = account();
    assertThat(again.select("#new-token")).isEmpty();
    assertThat(again.html()).doesNotContain(token);
  }

  @Test
  void aBadExpiryShouldBeRefusedOnThePage() {
    WebResponse bad = post("/dashboard/account/tokens", session.csrf(), Map.of("expiresInDays", "1000"));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.document().select("#token-error").text()).isEqualTo("Expiry must be from 1 to 365 days");
    assertThat(bad.document().select("#new-token")).isEmpty();
    assertThat(names(bad.document())).containsExactly("API token");
  }

  @Test
  void aTokenShouldBeRevokedOnlyWithTheCsrfToken() {
    String id = account().selectFirst("#tokens tbody tr").attr("data-token-id");
    String action = "/dashboard/account/tokens/" + id + "/revoke";
    assertThat(account().selectFirst("#tokens form").attr("action")).isEqualTo(action);

    assertThat(post(action, "forged", Map.of()).status()).isEqualTo(403);
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200);

    WebResponse revoked = post(action, session.csrf(), Map.of());

    assertThat(revoked.status()).isEqualTo(302);
    assertThat(revoked.location()).isEqualTo("/dashboard/account");
    Document after = account();
    assertThat(after.select(".flash.ok").text()).isEqualTo("The token was revoked.");
    assertThat(after.select("#tokens")).isEmpty();
    assertThat(after.select("#no-tokens").text()).isEqualTo("You have no API tokens.");
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
  }

  @Test
  void anotherMembersTokenShouldNotBeRevokedFromThePage() {
    Member bo = fixture.member("Bo", Role.AGENT);
    String bosId = fixture.get("/api/auth/tokens", bo.token()).json().path("tokens").get(0).path("id").asText();

    WebResponse refused = post("/dashboard/account/tokens/" + bosId + "/revoke", session.csrf(), Map.of());

    assertThat(refused.status()).isEqualTo(302);
    assertThat(account().select(".flash.error").text()).isEqualTo("Token not found");
    assertThat(fixture.get(MINE, bo.token()).status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenShouldBeMarkedSoOnThePage() {
    assertThat(account().select("#tokens tbody tr td").get(2).text()).doesNotContain("(expired)");

    fixture.tokenClock.advance(Duration.ofDays(90));

    assertThat(account().select("#tokens tbody tr td").get(2).text()).endsWith("UTC (expired)");
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
  }
}
