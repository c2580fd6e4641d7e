package io.claimdesk.web.auth;

import io.claimdesk.core.team.ApiToken;
import io.claimdesk.core.team.ApiTokens;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's API tokens ({@code GET /api/auth/tokens}, {@code DELETE /api/auth/tokens/{id}}) and, for admins,
 * anyone's ({@code /api/team/{id}/tokens}). A listing never holds a token or its hash; another member's token id is
 * answered like an unknown one.
 */
public final class TokenController {
  private final ApiTokens tokens;
  private final TeamStore team;

  public TokenController(ApiTokens tokens, TeamStore team) {
    this.tokens = tokens;
    this.team = team;
  }

  public void listOwn(Context ctx) {
    ctx.json(Map.of("tokens", json(tokens.of(ApiAuth.member(ctx).id()))));
  }

  public void revokeOwn(Context ctx) {
    revoke(ctx, ApiAuth.member(ctx).id(), ctx.pathParam("id"));
  }

  public void listOfMember(Context ctx) {
    ctx.json(Map.of("tokens", json(tokens.of(memberForAdmin(ctx).id()))));
  }

  public void revokeOfMember(Context ctx) {
    revoke(ctx, memberForAdmin(ctx).id(), ctx.pathParam("tokenId"));
  }

  private void revoke(Context ctx, String memberId, String tokenId) {
    if (!tokens.revoke(memberId, tokenId)) {
      throw new ApiException(404, "Token not found");
    }
    ctx.json(Map.of("success", true));
  }

  private TeamMember memberForAdmin(Context ctx) {
    if (ApiAuth.member(ctx).role() != Role.ADMIN) {
      throw new ApiException(403, "Only admins can manage other members' tokens");
    }
    return team.find(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404, "Team member not found"));
  }

  /** A token as the API shows it: never the token, never its hash. */
  static Map<String, Object> json(ApiToken token) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", token.id());
    json.put("name", token.name());
    json.put("createdAt", token.createdAt().toString());
    json.put("expiresAt", token.expiresAt().toString());
    json.put("lastUsedAt", token.lastUsedAt() == null ? null : token.lastUsedAt().toString());
    return json;
  }

  private static List<Map<String, Object>> json(List<ApiToken> list) {
    return list.stream().map(TokenController::json).toList();
  }
}
