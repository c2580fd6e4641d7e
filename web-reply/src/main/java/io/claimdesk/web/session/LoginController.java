package io.claimdesk.web.session;

import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.LocalPaths;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /login} and {@code /logout}. The login form carries its own token, matched against a cookie set with the
 * form (there is no session yet to hold a CSRF token). A login always starts a new session: a session id planted in
 * the browser beforehand is ended, never promoted.
 */
public final class LoginController {
  static final String FORM_COOKIE = "claimdesk_login";
  private static final String HOME = "/dashboard/tickets/unassigned";

  private final TeamService team;
  private final SessionService sessions;
  private final LoginThrottle throttle;
  private final WebSecurity security;

  public LoginController(TeamService team, SessionService sessions, LoginThrottle throttle, WebSecurity security) {
    this.team = team;
    this.sessions = sessions;
    this.throttle = throttle;
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
    Optional<Duration> wait = throttle.attempt(email, ctx.ip());
    if (wait.isPresent()) {
      long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
      ctx.header("Retry-After", String.valueOf(wait.get().toSeconds()));
      show(ctx, 429, email, next, "Too many failed sign-ins. Try again in " + minutes + " minute"
          + (minutes == 1 ? "" : "s") + ".");
      return;
    }
    Optional<TeamMember> member = team.authenticate(email, password);
    if (member.isEmpty()) {
      throttle.failed(ctx.ip());
      show(ctx, 401, email, next, "Invalid email or password");
      return;
    }
    throttle.succeeded(email);
    security.endSession(ctx); // whatever session id the browser brought is not reused
    security.startSession(ctx, sessions.start(member.get()));
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
