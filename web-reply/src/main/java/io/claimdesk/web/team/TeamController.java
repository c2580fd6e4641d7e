package io.claimdesk.web.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.contact.PhoneNumbers;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.PasswordRules;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /api/team} for every member, {@code POST /api/team} for admins. */
public final class TeamController {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");

  private final TeamService team;

  public TeamController(TeamService team) {
    this.team = team;
  }

  public void list(Context ctx) {
    ctx.json(Map.of("members", team.all().stream().map(TeamController::json).toList()));
  }

  public void create(Context ctx) {
    if (ApiAuth.member(ctx).role() != Role.ADMIN) {
      throw new ApiException(403, "Only admins can add team members");
    }
    JsonNode body = Json.object(ctx);
    String email = Json.text(body, "email").trim();
    if (!EMAIL.matcher(email).matches()) {
      throw ApiException.badRequest("Field email must be an email address");
    }
    String roleName = Json.optionalText(body, "role");
    Role role = roleName == null ? Role.AGENT : Role.parse(roleName)
        .orElseThrow(() -> ApiException.badRequest("Unknown role: " + roleName + " (expected agent, manager or admin)"));
    String password = Json.optionalText(body, "password");
    if (password != null) {
      PasswordRules.problem(password).ifPresent(problem -> {
        throw ApiException.badRequest(problem);
      });
    }
    String phone = Json.optionalText(body, "phone");
    String e164 = phone == null ? null
        : PhoneNumbers.e164(phone).orElseThrow(() -> ApiException.badRequest(PhoneNumbers.invalid(phone)));
    NewMember member = new NewMember(Json.text(body, "name"), email, role, Json.optionalText(body, "slackUserId"),
        Json.optionalText(body, "discordUserId"), e164);
    TeamMember created = team.create(member, password)
        .orElseThrow(() -> new ApiException(409, "A team member with this email, Slack id or Discord id already exists"));
    Map<String, Object> json = json(created);
    json.put("apiToken", team.issueToken(created));
    ctx.status(201).json(json);
  }

  private static Map<String, Object> json(TeamMember m) {
    return MemberJson.of(m);
  }
}
