package io.claimdesk.web.dashboard;

import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.PasswordRules;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code /dashboard/account}: the signed-in member changes their password, giving the current one, which is checked
 * by the same sign-in and limits as the sign-in form (the session's CSRF token is checked before this runs).
 */
final class AccountController {
  private final PageContext pages;
  private final TeamService team;
  private final SignInService signIn;
  private final TrustedProxies proxies;

  AccountController(PageContext pages, TeamService team, SignInService signIn, TrustedProxies proxies) {
    this.pages = pages;
    this.team = team;
    this.signIn = signIn;
    this.proxies = proxies;
  }

  void show(Context ctx) {
    render(ctx, 200, null);
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
      long seconds = RetryAfter.seconds(wait.retryAfter());
      ctx.header("Retry-After", String.valueOf(seconds));
      render(ctx, 429, RetryAfter.signInMessage(wait.busy(), seconds));
      return;
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn) || !signedIn.member().id().equals(member.id())) {
      render(ctx, 403, "Current password is wrong");
      return;
    }
    team.setPassword(member.id(), next);
    pages.flash(ctx, true, "Your password was changed.");
    ctx.redirect("/dashboard/account");
  }

  private void render(Context ctx, int status, String error) {
    ctx.status(status);
    io.claimdesk.web.page.Templates.render(ctx, "account.jte",
        new Views.AccountView(pages.chrome(ctx, "Account", "account"), error));
  }
}
