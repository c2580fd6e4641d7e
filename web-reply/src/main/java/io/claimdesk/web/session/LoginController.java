package io.claimdesk.web.session;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.LocalPaths;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;

/**
 * {@code /login} and {@code /logout}. The login form carries its own token, matched against a cookie set with the
 * form (there is no session yet to hold a CSRF token). A login always starts a new session: a session id planted in
 * the browser beforehand is ended, never promoted.
 */
public final class LoginController {
  static final String FORM_COOKIE = "claimdesk_login";
  private static final String HOME = "/dashboard/tickets/unassigned";

  private final SignInService signIn;
  private final TrustedProxies proxies;
  private final SessionService sessions;
  private final WebSecurity security;

  public LoginController(SignInService signIn, TrustedProxies proxies, SessionService sessions,
      WebSecurity security) {
    this.signIn = signIn;
    this.proxies = proxies;
    this.sessions = sessions;
    this.security = security;
  }

  public void form(Context ctx) {
    String next = safeNext(ctx.queryParam("next"));
    if (security.signedIn(ctx).isPresent()) {
      ctx.redirect(next);
      return;
    }
    show(ctx, 200, "", next, null);
  }

  public void login(Context ctx) {
    String email = trimmed(ctx.formParam("email"));
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String next = safeNext(ctx.formParam("next"));
    if (!WebSecurity.same(ctx.formParam("formToken"), ctx.cookie(FORM_COOKIE))) {
      show(ctx, 403, email, next, "This login form expired. Please sign in again.");
      return;
    }
    SignInService.Outcome outcome = signIn.signIn(email, password, proxies.client(ctx));
    if (outcome instanceof SignInService.Wait wait) {
      show(ctx, 429, email, next, RetryAfter.signInRefused(ctx, wait));
      return;
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn)) {
      show(ctx, 401, email, next, "Invalid email or password");
      return;
    }
    security.endSession(ctx); // whatever session id the browser brought is not reused
    security.startSession(ctx, sessions.start(signedIn.member()));
    Cookies.clear(ctx, FORM_COOKIE, "/login", security.secureCookies());
    ctx.redirect(next);
  }

  public void logout(Context ctx) {
    security.signedIn(ctx).ifPresent(s -> WebSecurity.requireCsrf(ctx, s.session()));
    security.endSession(ctx);
    ctx.redirect("/login");
  }

  private void show(Context ctx, int status, String email, String next, String error) {
    String token = Secrets.randomToken();
    Cookies.set(ctx, FORM_COOKIE, token, "/login", security.secureCookies(), 3600);
    ctx.status(status);
    Templates.render(ctx, "login.jte",
        new LoginView(new Chrome("Sign in", null, null, null, "login"), email, next, token, error));
  }

  /** Only paths of this server (see {@link LocalPaths}). */
  static String safeNext(String next) {
    return LocalPaths.isLocal(next) ? next : HOME;
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
