package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.LOGIN_COOKIE;
import static io.claimdesk.web.ApiFixture.SESSION_COOKIE;
import static io.claimdesk.web.ApiFixture.password;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.LoginForm;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's login, session and CSRF defences, through HTTP on a real port with a browser that follows no
 * redirects and keeps no cookies of its own: every cookie sent is one the test chose.
 */
class DashboardSecurityTest {
  private static final String HOME = "/dashboard/tickets/unassigned";
  private static final String CSRF_REFUSAL = "Missing or invalid CSRF token. Reload the page and try again.";

  private ApiFixture fixture;
  private Member ana;
  private Member bo;
  private Member mia;
  private EmailThread ticket;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    mia = fixture.member("Mia", Role.MANAGER);
    ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private WebResponse get(String path, String sessionCookie) {
    return fixture.web(fixture.page(path, sessionCookie));
  }

  private WebResponse post(String path, String sessionCookie, Map<String, String> fields) {
    return fixture.web(fixture.form(path, sessionCookie, fields));
  }

  private static Map<String, String> fields(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private EmailThread stored() {
    return fixture.stores.tickets().find(ticket.id()).orElseThrow();
  }

  /** The sign-in page answered instead of the dashboard. */
  private static void assertSentToLogin(WebResponse response) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(302);
    assertThat(response.location()).startsWith("/login?next=");
  }

  @Test
  void pageWithoutSessionShouldSendToLoginAndBackThereAfterSignIn() {
    WebResponse anonymous = get("/dashboard/tickets/mine", null);

    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).isEqualTo("/login?next=%2Fdashboard%2Ftickets%2Fmine");

    WebResponse loginPage = fixture.web(fixture.page(anonymous.location(), null));
    assertThat(loginPage.status()).isEqualTo(200);
    assertThat(loginPage.document().selectFirst("input[name=next]").attr("value"))
        .isEqualTo("/dashboard/tickets/mine");
    LoginForm form = new LoginForm(loginPage.cookie(LOGIN_COOKIE),
        loginPage.document().selectFirst("input[name=formToken]").attr("value"));
    assertThat(form.cookie()).isNotBlank().isEqualTo(form.formToken());

    WebResponse signedIn = fixture.submitLogin(form, ana.email(), password(ana), "/dashboard/tickets/mine");

    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.location()).isEqualTo("/dashboard/tickets/mine");
    WebResponse mine = get(signedIn.location(), signedIn.cookie(SESSION_COOKIE));
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.document().select("h1").text()).contains("My tickets");
  }

  @Test
  void wrongPasswordShouldShowTheErrorWithoutStartingASession() {
    WebResponse response = fixture.attemptLogin(ana.email(), "not-the-password");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.document().select("#login-error").text()).isEqualTo("Invalid email or password");
    assertThat(response.setCookies(SESSION_COOKIE)).isEmpty();
    assertThat(response.location()).isNull();
  }

  @Test
  void fiveFailuresShouldLockTheAccountEvenForTheRightPasswordButNotOtherAccounts() {
    for (int i = 1; i <= 5; i++) {
      assertThat(fixture.attemptLogin(ana.email(), "guess-" + i).status()).as("failure %d", i).isEqualTo(401);
    }

    WebResponse locked = fixture.attemptLogin(ana.email(), password(ana));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.document().select("#login-error").text()).startsWith("Too many failed sign-ins");
    assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
        assertThat(Long.parseLong(seconds)).isBetween(1L, 15 * 60L));
    assertThat(locked.setCookies(SESSION_COOKIE)).isEmpty();

    WebResponse other = fixture.attemptLogin(bo.email(), password(bo));
    assertThat(other.status()).isEqualTo(302);
    assertThat(other.cookie(SESSION_COOKIE)).isNotEmpty();
  }

  @Test
  void twentyFailuresFromOneAddressShouldLockEveryAccountFromIt() {
    for (int i = 1; i <= 20; i++) {
      // a different account each time, so that no account reaches its own limit
      assertThat(fixture.attemptLogin("nobody-" + i + "@example.com", "guess").status()).as("failure %d", i)
          .isEqualTo(401);
    }

    WebResponse locked = fixture.attemptLogin(mia.email(), password(mia));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.setCookies(SESSION_COOKIE)).isEmpty();

    // a forwarding header is the client's to invent: it must not open another address's allowance
    LoginForm form = fixture.loginForm(null);
    Map<String, String> body = fields("formToken", form.formToken(), "email", mia.email(), "password", password(mia));
    HttpRequest spoofed = HttpRequest.newBuilder(fixture.form("/login", null, body), (n, v) -> true)
        .header("Cookie", LOGIN_COOKIE + "=" + form.cookie())
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Real-IP", "203.0.113.9")
        .header("Forwarded", "for=203.0.113.9")
        .build();
    WebResponse stillLocked = fixture.web(spoofed);
    assertThat(stillLocked.status()).isEqualTo(429);
    assertThat(stillLocked.setCookies(SESSION_COOKIE)).isEmpty();
  }

  @Test
  void loginShouldNeverKeepASessionIdPlantedBeforehand() {
    String planted = SESSION_COOKIE + "=attacker-chosen-value";
    WebResponse formPage = fixture.web(fixture.pageWithCookies("/login", planted));
    assertThat(formPage.status()).isEqualTo(200);
    LoginForm form = new LoginForm(formPage.cookie(LOGIN_COOKIE),
        formPage.document().selectFirst("input[name=formToken]").attr("value"));

    WebResponse response = fixture.submitLogin(form, ana.email(), password(ana), null, planted);

    assertThat(response.status()).isEqualTo(302);
    String session = response.cookie(SESSION_COOKIE);
    assertThat(session).isNotEmpty().isNotEqualTo("attacker-chosen-value");
    assertThat(get(HOME, session).status()).isEqualTo(200);
    assertSentToLogin(get(HOME, "attacker-chosen-value"));
  }

  @Test
  void loginShouldNeedTheFormsOwnCookie() {
    LoginForm form = fixture.loginForm(null);

    WebResponse withoutCookie = fixture.submitLogin(new LoginForm(null, form.formToken()), ana.email(), password(ana),
        null);
    WebResponse otherCookie = fixture.submitLogin(new LoginForm("another-token", form.formToken()), ana.email(),
        password(ana), null);
    WebResponse withoutField = fixture.submitLogin(new LoginForm(form.cookie(), null), ana.email(), password(ana),
        null);

    for (WebResponse refused : new WebResponse[] {withoutCookie, otherCookie, withoutField}) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.document().select("#login-error").text())
          .isEqualTo("This login form expired. Please sign in again.");
      assertThat(refused.setCookies(SESSION_COOKIE)).isEmpty();
    }
    // the same form with its cookie goes through, so the refusals above were about the token alone
    assertThat(fixture.submitLogin(form, ana.email(), password(ana), null).status()).isEqualTo(302);
  }

  @Test
  void dashboardFormShouldNeedTheSessionsCsrfToken() {
    WebSession session = fixture.login(ana);
    String claim = "/dashboard/tickets/" + ticket.id() + "/claim";

    WebResponse missing = post(claim, session.cookie(), fields());
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.document().select("#error-message").text()).isEqualTo(CSRF_REFUSAL);
    assertThat(stored().owner()).isNull();

    WebResponse wrong = post(claim, session.cookie(), fields("_csrf", fixture.login(bo).csrf()));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.document().select("#error-message").text()).isEqualTo(CSRF_REFUSAL);
    assertThat(stored().owner()).isNull();

    WebResponse right = post(claim, session.cookie(), fields("_csrf", session.csrf(), "back", HOME));
    assertThat(right.status()).isEqualTo(302);
    assertThat(right.location()).isEqualTo(HOME);
    assertThat(stored().owner()).isNotNull();
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void apiCallWithSessionCookieShouldNeedTheCsrfHeader() {
    WebSession session = fixture.login(ana);
    String body = ApiFixture.threadBody(ticket.id());
    HttpRequest.Builder request = fixture.request("/api/emails/claim", null)
        .header("Cookie", SESSION_COOKIE + "=" + session.cookie())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));

    ApiFixture.Response missing = fixture.send(request.copy().build());
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.error()).contains("CSRF");
    assertThat(stored().owner()).isNull();

    ApiFixture.Response wrong = fixture.send(request.copy().header("X-CSRF-Token", "guessed").build());
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(stored().owner()).isNull();

    ApiFixture.Response right = fixture.send(request.copy().header("X-CSRF-Token", session.csrf()).build());
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.json().path("assignedToEmail").asText()).isEqualTo(ana.email());
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void logoutShouldNeedTheCsrfTokenAndEndTheSession() {
    WebSession session = fixture.login(ana);

    WebResponse forged = post("/logout", session.cookie(), fields());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.document().select("#error-message").text()).isEqualTo(CSRF_REFUSAL);
    assertThat(get(HOME, session.cookie()).status()).isEqualTo(200);

    WebResponse logout = post("/logout", session.cookie(), fields("_csrf", session.csrf()));
    assertThat(logout.status()).isEqualTo(302);
    assertThat(logout.location()).isEqualTo("/login");
    assertThat(logout.cookie(SESSION_COOKIE)).isEmpty();
    assertSentToLogin(get(HOME, session.cookie()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example",
      "javascript:alert(1)"})
  void loginShouldNeverRedirectOffSite(String next) {
    WebResponse formPage = fixture.web(fixture.page("/login?next=" + URLEncoder.encode(next, UTF_8), null));
    assertThat(formPage.document().selectFirst("input[name=next]").attr("value")).isEqualTo(HOME);

    WebResponse response = fixture.submitLogin(fixture.loginForm(null), ana.email(), password(ana), next);

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.location()).isEqualTo(HOME);
  }

  @Test
  void sessionCookieShouldBeHttpOnlyAndSameSiteLax() {
    WebResponse response = fixture.attemptLogin(ana.email(), password(ana));

    assertThat(response.status()).isEqualTo(302);
    List<String> set = response.setCookies(SESSION_COOKIE);
    assertThat(set).isNotEmpty();
    String cookie = set.get(set.size() - 1);
    assertThat(cookie).doesNotStartWith(SESSION_COOKIE + "=;");
    assertThat(cookie.split(";\\s*")).contains("HttpOnly", "SameSite=Lax", "Path=/")
        .doesNotContain("Secure")
        .noneMatch(attribute -> attribute.startsWith("Domain="));
  }

  @Test
  void teamPageShouldBeForManagersOnly() {
    WebResponse agent = get("/dashboard/team", fixture.login(ana).cookie());
    assertThat(agent.status()).isEqualTo(403);
    assertThat(agent.document().select("#error-message").text()).isEqualTo("Only managers can see the team page");
    assertThat(agent.document().select("#team")).isEmpty();

    WebResponse manager = get("/dashboard/team", fixture.login(mia).cookie());
    assertThat(manager.status()).isEqualTo(200);
    Document page = manager.document();
    for (Member m : new Member[] {ana, bo, mia}) {
      assertThat(page.select("#team tr[data-member=" + m.id() + "]").text())
          .contains(m.member().name(), m.email());
    }
  }

  @Test
  void refusedReplyShouldKeepTheDraftAndSendNothing() {
    assertThat(fixture.claims.claim(ticket.id(), ana.member(), Via.WEB))
        .isInstanceOf(ClaimOutcome.Won.class);
    WebSession session = fixture.login(bo);

    WebResponse refused = post("/dashboard/tickets/" + ticket.id() + "/reply", session.cookie(),
        fields("_csrf", session.csrf(), "body", "my draft text"));

    assertThat(refused.status()).isEqualTo(409);
    Document page = refused.document();
    assertThat(page.select("#reply-error").text()).isEqualTo("Ticket is already claimed by " + ana.email());
    assertThat(page.select("textarea[name=body]")).singleElement()
        .satisfies(box -> assertThat(box.wholeText()).isEqualTo("my draft text"));
    assertThat(fixture.sender.sent).isEmpty();
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void replyToAnUnownedTicketShouldClaimItAndSendOnce() {
    WebSession session = fixture.login(bo);

    WebResponse sent = post("/dashboard/tickets/" + ticket.id() + "/reply", session.cookie(),
        fields("_csrf", session.csrf(), "body", "We are on it."));

    assertThat(sent.status()).isEqualTo(302);
    assertThat(sent.location()).isEqualTo("/dashboard/tickets/" + ticket.id());
    assertThat(stored().owner().memberId()).isEqualTo(bo.id());
    assertThat(stored().status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(fixture.sender.sent).singleElement().satisfies(reply -> assertThat(reply.body())
        .isEqualTo("We are on it."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dashboard/tickets/000000000000000000000000", "/dashboard/tickets/not-an-id",
      "/dashboard/tickets/000000000000000000000000/reply"})
  void unknownTicketShouldAnswerANotFoundPage(String path) {
    WebResponse response = get(path, fixture.login(ana).cookie());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/html"));
    assertThat(response.document().select("#error-message").text()).isEqualTo("Ticket not found");
  }
}
