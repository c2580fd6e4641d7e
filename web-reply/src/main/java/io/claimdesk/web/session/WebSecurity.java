package io.claimdesk.web.session;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.WebSession;
import io.claimdesk.core.team.TeamMember;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Session cookie and CSRF checks shared by the dashboard, the login form and the JSON API. A state-changing request
 * made with the session cookie must carry the session's CSRF token, as form field {@code _csrf} or header
 * {@code X-CSRF-Token}; SameSite=Lax alone does not cover older browsers or same-site subdomains.
 */
public final class WebSecurity {
  public static final String SESSION_COOKIE = "claimdesk_session";
  public static final String CSRF_FIELD = "_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SIGNED_IN = "claimdesk.signedIn";

  private final SessionService sessions;
  private final boolean secureCookies;

  /** {@code secureCookies} when the public URL is https: cookies are then only sent over TLS. */
  public WebSecurity(SessionService sessions, boolean secureCookies) {
    this.sessions = sessions;
    this.secureCookies = secureCookies;
  }

  /** The signed-in session of this request, resolved once and cached on the request. */
  public Optional<SessionService.SignedIn> signedIn(Context ctx) {
    SessionService.SignedIn cached = ctx.attribute(SIGNED_IN);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<SessionService.SignedIn> found = sessions.resolve(ctx.cookie(SESSION_COOKIE));
    found.ifPresent(s -> ctx.attribute(SIGNED_IN, s));
    return found;
  }

  /** The session already resolved for this request, without resolving one. */
  public static Optional<SessionService.SignedIn> resolved(Context ctx) {
    return Optional.ofNullable(ctx.attribute(SIGNED_IN));
  }

  /** Before-handler of every dashboard path: pages need a session, and changes need its CSRF token. */
  public void requireSession(Context ctx) {
    Optional<SessionService.SignedIn> signedIn = signedIn(ctx);
    if (signedIn.isEmpty()) {
      if (ctx.method() == HandlerType.GET && !ctx.path().endsWith("/events")) {
        String target = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      } else {
        ctx.status(401).result("Your session has ended. Sign in again.");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (changesState(ctx)) {
      requireCsrf(ctx, signedIn.get().session());
    }
  }

  /** Refuses the request unless it carries the session's CSRF token. */
  public static void requireCsrf(Context ctx, WebSession session) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && isForm(ctx)) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    if (!same(sent, session.csrfToken())) {
      throw new ForbiddenResponse("Missing or invalid CSRF token. Reload the page and try again.");
    }
  }

  /** Anything but GET, HEAD and OPTIONS. */
  public static boolean changesState(Context ctx) {
    HandlerType method = ctx.method();
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"));
  }

  /** Constant-time comparison, so that timing does not leak how much of a token was right. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The member of the signed-in session; only valid behind {@link #requireSession}. */
  public TeamMember member(Context ctx) {
    return session(ctx).member();
  }

  /** The signed-in session; only valid behind {@link #requireSession}. */
  public SessionService.SignedIn session(Context ctx) {
    return signedIn(ctx).orElseThrow(() -> new IllegalStateException("no session on " + ctx.path()));
  }

  void startSession(Context ctx, SessionService.Started started) {
    Cookies.set(ctx, SESSION_COOKIE, started.cookieValue(), "/", secureCookies, -1);
  }

  void endSession(Context ctx) {
    sessions.end(ctx.cookie(SESSION_COOKIE));
    Cookies.clear(ctx, SESSION_COOKIE, "/", secureCookies);
  }

  boolean secureCookies() {
    return secureCookies;
  }
}
