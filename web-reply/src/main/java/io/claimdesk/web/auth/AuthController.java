package io.claimdesk.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /api/auth/token}: email and password in, a new API token out; the same sign-in, throttle and bounds
 * as the dashboard's form.
 */
public final class AuthController {
  private final SignInService signIn;
  private final TrustedProxies proxies;
  private final TeamService team;

  public AuthController(SignInService signIn, TrustedProxies proxies, TeamService team) {
    this.signIn = signIn;
    this.proxies = proxies;
    this.team = team;
  }

  public void issueToken(Context ctx) {
    JsonNode body = Json.object(ctx);
    SignInService.Outcome outcome = signIn.signIn(Json.optionalText(body, "email"),
        Json.optionalText(body, "password"), proxies.client(ctx));
    if (outcome instanceof SignInService.Wait wait) {
      long seconds = RetryAfter.seconds(wait.retryAfter());
      ctx.header("Retry-After", String.valueOf(seconds));
      throw new ApiException(429, RetryAfter.signInMessage(wait.busy(), seconds));
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn)) {
      throw new ApiException(401, "Invalid email or password");
    }
    ctx.json(Map.of("token", team.issueToken(signedIn.member()), "memberId", signedIn.member().id()));
  }
}
