package io.claimdesk.web.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.session.WebSession;
import io.claimdesk.core.team.PasswordRules;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /api/team/me/password} (any member, with the current password, checked by the same sign-in and
 * limits as a sign-in; the member's other sessions end, their API tokens stay) and
 * {@code POST /api/team/{id}/password} (admins reset anyone's, which ends all of that member's sessions and revokes
 * their API tokens).
 */
public final class PasswordController {
  private final TeamService team;
  private final SignInService signIn;
  private final TrustedProxies proxies;
  private final SessionService sessions;
  private final WebSecurity security;

  public PasswordController(TeamService team, SignInService signIn, TrustedProxies proxies, SessionService sessions,
      WebSecurity security) {
    this.team = team;
    this.signIn = signIn;
    this.proxies = proxies;
    this.sessions = sessions;
    this.security = security;
  }

  public void changeOwn(Context ctx) {
    TeamMember member = ApiAuth.member(ctx);
    JsonNode body = Json.object(ctx);
    String current = Json.text(body, "currentPassword");
    String next = checked(Json.text(body, "newPassword"));
    SignInService.Outcome outcome = signIn.signIn(member.email(), current, proxies.client(ctx));
    if (outcome instanceof SignInService.Wait wait) {
      throw new ApiException(429, RetryAfter.signInRefused(ctx, wait));
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn) || !signedIn.member().id().equals(member.id())) {
      throw new ApiException(403, "Current password is wrong");
    }
    team.setPassword(member.id(), next);
    // the session making the change (when it is made with one, as ApiAuth decides) stays; every other one ends
    String header = ctx.header("Authorization");
    WebSession here = header == null || header.isBlank()
        ? security.signedIn(ctx).map(SessionService.SignedIn::session).orElse(null) : null;
    sessions.endAllOf(member.id(), here);
    ctx.json(Map.of("success", true));
  }

  public void reset(Context ctx) {
    if (ApiAuth.member(ctx).role() != Role.ADMIN) {
      throw new ApiException(403, "Only admins can reset passwords");
    }
    String next = checked(Json.text(Json.object(ctx), "newPassword"));
    String memberId = ctx.pathParam("id");
    if (!team.resetPassword(memberId, next)) { // also revokes the member's API tokens
      throw new ApiException(404, "Team member not found");
    }
    sessions.endAllOf(memberId, null);
    ctx.json(Map.of("success", true));
  }

  /** The rules of a new password, as when a member is added. */
  static String checked(String password) {
    PasswordRules.problem(password).ifPresent(problem -> {
      throw ApiException.badRequest(problem);
    });
    return password;
  }
}
