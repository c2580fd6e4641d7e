package io.claimdesk.web.auth;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code Authorization: Bearer <token>}, or a dashboard session cookie with its CSRF token, to an active
 * team member for every {@code /api/} request
 * except the few that authenticate otherwise (the token exchange, inbound-mail webhooks).
 */
public final class ApiAuth implements Handler {
  private static final String MEMBER = "claimdesk.member";
  private static final Set<String> PUBLIC_PATHS = Set.of("/api/auth/token");
  private static final String PUBLIC_PREFIX = "/api/ingest/";

  private final TeamService team;
  private final WebSecurity security;

  public ApiAuth(TeamService team, WebSecurity security) {
    this.team = team;
    this.security = security;
  }

  @Override
  public void handle(Context ctx) {
    if (PUBLIC_PATHS.contains(ctx.path()) || ctx.path().startsWith(PUBLIC_PREFIX)) {
      return;
    }
    String header = ctx.header("Authorization");
    if ((header == null || header.isBlank()) && ctx.cookie(WebSecurity.SESSION_COOKIE) != null) {
      SessionService.SignedIn signedIn = security.signedIn(ctx)
          .orElseThrow(() -> new ApiException(401, "Your session has ended. Sign in again."));
      if (WebSecurity.changesState(ctx)) {
        // a browser sends the cookie by itself: only a page of ours knows the token
        if (!WebSecurity.same(ctx.header(WebSecurity.CSRF_HEADER), signedIn.session().csrfToken())) {
          throw new ApiException(403, "Missing or invalid CSRF token: send X-CSRF-Token with session requests");
        }
      }
      ctx.attribute(MEMBER, signedIn.member());
      return;
    }
    if (header == null || header.isBlank()) {
      throw new ApiException(401, "Missing API token: send Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(401, "Authorization must use the Bearer scheme");
    }
    TeamMember member = team.byToken(header.substring(7).trim())
        .orElseThrow(() -> new ApiException(401, "Invalid or expired token"));
    ctx.attribute(MEMBER, member);
  }

  /** The member this handler resolved for this request, if it did. */
  public static Optional<TeamMember> memberIfAny(Context ctx) {
    return Optional.ofNullable(ctx.attribute(MEMBER));
  }

  /** The member making this request; only valid behind this handler. */
  public static TeamMember member(Context ctx) {
    TeamMember member = ctx.attribute(MEMBER);
    if (member == null) {
      throw new IllegalStateException("no authenticated member on " + ctx.path());
    }
    return member;
  }
}
