package io.claimdesk.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.ApiTokens;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.claimdesk.web.http.RetryAfter;
import io.claimdesk.web.http.TrustedProxies;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/auth/token}: email and password in, a new API token out (named by the optional {@code name},
 * expiring after the optional {@code expiresInDays}, 90 by default); the member's other tokens stay. The same
 * sign-in, throttle and bounds as the dashboard's form; the name and days are checked after the password, so that
 * a bad one tells nothing to someone without it.
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
      throw new ApiException(429, RetryAfter.signInRefused(ctx, wait));
    }
    if (!(outcome instanceof SignInService.SignedIn signedIn)) {
      throw new ApiException(401, "Invalid email or password");
    }
    String name = Json.optionalText(body, "name");
    int days = days(body);
    ApiTokens.problem(name, days).ifPresent(problem -> {
      throw ApiException.badRequest(problem);
    });
    ApiTokens.Issued issued = team.tokens().create(signedIn.member(), name, days);
    Map<String, Object> json = new LinkedHashMap<>(TokenController.json(issued.info()));
    json.remove("lastUsedAt");
    json.put("token", issued.token());
    json.put("memberId", signedIn.member().id());
    ctx.json(json);
  }

  /** The optional {@code expiresInDays}: a whole number, {@link ApiTokens#DEFAULT_DAYS} when absent. */
  private static int days(JsonNode body) {
    JsonNode value = body.get("expiresInDays");
    if (value == null || value.isNull()) {
      return ApiTokens.DEFAULT_DAYS;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ApiException.badRequest("Field expiresInDays must be a whole number from 1 to " + ApiTokens.MAX_DAYS);
    }
    return value.intValue();
  }
}
