package io.claimdesk.voice.softphone;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/voice/token}: behind the API's authentication (session or bearer token), so the identity is always
 * the caller's own; a request parameter never names it.
 */
final class TokenController {
  private final SoftphoneSettings settings;
  private final VoiceTokens tokens;

  TokenController(SoftphoneSettings settings) {
    this.settings = settings;
    this.tokens = new VoiceTokens(settings);
  }

  void token(Context ctx) {
    TeamMember member = ApiAuth.member(ctx);
    List<String> missing = settings.missing();
    if (!missing.isEmpty()) {
      throw new ApiException(503, notConfigured(missing));
    }
    ctx.header("Cache-Control", "no-store").json(tokens.issue(member.id()));
  }

  static String notConfigured(List<String> missing) {
    return "The phone is not configured: set " + String.join(", ", missing);
  }
}
