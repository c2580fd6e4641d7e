package io.claimdesk.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST /api/auth/token}: email and password in, a new API token out. */
public final class AuthController {
  private final TeamService team;

  public AuthController(TeamService team) {
    this.team = team;
  }

  public void issueToken(Context ctx) {
    JsonNode body = Json.object(ctx);
    TeamMember member = team.authenticate(Json.optionalText(body, "email"), Json.optionalText(body, "password"))
        .orElseThrow(() -> new ApiException(401, "Invalid email or password"));
    ctx.json(Map.of("token", team.issueToken(member), "memberId", member.id()));
  }
}
