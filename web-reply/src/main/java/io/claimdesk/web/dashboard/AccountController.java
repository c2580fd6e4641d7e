package io.claimdesk.web.dashboard;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.ApiTokens;
import io.claimdesk.core.team.PasswordRules;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code /dashboard/account}: the signed-in member changes their password, giving the current one, which is checked
 * by the same sign-in and limits as the sign-in form, and lists, creates and revokes their API tokens (the
 * session's CSRF token is checked before any of this runs).
 */
final class AccountController {
  private final PageContext pages;
  private final TeamService team;
  private final SignInService signIn;
  private final TrustedProxies proxies;
  private final SessionService sessions;

  AccountController(PageContext pages, TeamService team, SignInService signIn, TrustedProxies proxies,
      SessionService sessions) {
    this.pages = pages;
    this.team = team;
    this.signIn = signIn;
    this.proxies = proxies;
    this.sessions = sessions;
  }

  void show(Context ctx) {
    render(ctx, 200, null);
  }

  /** Creates a token and shows it on the page this once; it is never put where it would be stored. */
  void createToken(Context ctx) {
    TeamMember member = pages.member(ctx);
    String name = ctx.formParam("name");
    int days = days(ctx.formParam("expiresInDays"));
    Optional<String> problem = ApiTokens.problem(name, days);
    if (problem.isPresent()) {
      render(ctx, 400, null, null, problem.get());
      return;
    }
    ctx.header("Cache-Control", "no-store");
    render(ctx, 200, null, team.tokens().create(member, name, days).token(), null);
  }

  void revokeToken(Context ctx) {
    if (team.tokens().revoke(pages.member(ctx).id(), ctx.pathParam("id"))) {
      pages.flash(ctx, true, "The token was revoked.");
    } else {
      pages.flash(ctx, false, "Token not found");
    }
    ctx.redirect("/dashboard/account");
  }

  /** The form's days; anything but a whole number is 0, which the rules refuse. */
  private static int days(String value) {
    if (value == null || value.isBlank()) {
      return ApiTokens.DEFAULT_DAYS;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  void changePassword(Context ctx) {
    TeamMember member = pages.member(ctx);
    String next = ctx.formParam("newPassword");
    Optional<String> problem = PasswordRules.problem(next);
    if (problem.isPresent()) {
      render(ctx, 400, problem.get());
      return;
    }
    String current = ctx.formParam("currentPassword");
    SignInService.Outcome outcome = signIn.signIn(member.email(), current == null ? "" : current,
        proxies.client(ctx));
    if (outcome instanceof SignInService.Wait wait) {
      render(ctx, 429, RetryAfter.signInRefused(ctx, wait));
      return;
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn) || !signedIn.member().id().equals(member.id())) {
      render(ctx, 403, "Current password is wrong");
      return;
    }
    team.setPassword(member.id(), next);
    sessions.endAllOf(member.id(), pages.session(ctx)); // this browser stays signed in, every other one is signed out
    pages.flash(ctx, true, "Your password was changed.");
    ctx.redirect("/dashboard/account");
  }

  private void render(Context ctx, int status, String error) {
    render(ctx, status, error, null, null);
  }

  private void render(Context ctx, int status, String error, String newToken, String tokenError) {
    ctx.status(status);
    TeamMember member = pages.member(ctx);
    Templates.render(ctx, "account.jte", new Views.AccountView(pages.chrome(ctx, "Account", "account"), error,
        team.tokens().of(member.id()), newToken, tokenError, team.tokens().now()));
  }
}
