package io.claimdesk.web.dashboard;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.WebSession;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.LocalPaths;
import io.claimdesk.web.page.OfferNotice;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import java.util.List;

/** What dashboard controllers need of the signed-in session: the member, the page frame, one-time notices. */
final class PageContext {
  private final WebSecurity security;
  private final SessionService sessions;
  private final TeamStore team;

  PageContext(WebSecurity security, SessionService sessions, TeamStore team) {
    this.security = security;
    this.sessions = sessions;
    this.team = team;
  }

  TeamMember member(Context ctx) {
    return security.member(ctx);
  }

  boolean isManager(Context ctx) {
    Role role = member(ctx).role();
    return role == Role.MANAGER || role == Role.ADMIN;
  }

  /** The frame of a page, taking the session's pending notice (shown once). */
  Chrome chrome(Context ctx, String title, String nav) {
    SessionService.SignedIn signedIn = security.session(ctx);
    String flash = sessions.takeFlash(signedIn.session()).orElse(null);
    // the member as stored: the session keeps its member for a few seconds, and the header's availability toggle
    // must show a change made a moment ago
    TeamMember member = team.find(signedIn.member().id()).orElse(signedIn.member());
    List<OfferNotice> offers = ctx.attribute(OfferNotice.ATTRIBUTE);
    return new Chrome(title, member, signedIn.session().csrfToken(), flash, nav, offers);
  }

  /** The session of this page's request. */
  WebSession session(Context ctx) {
    return security.session(ctx).session();
  }

  /** Leaves a notice for the next page: {@code ok|…} for success, {@code error|…} for a refusal. */
  void flash(Context ctx, boolean ok, String message) {
    sessions.flash(security.session(ctx).session(), (ok ? "ok|" : "error|") + message);
  }

  /** Where to go back to after a form: a dashboard path sent with the form, else {@code fallback}. */
  static String back(Context ctx, String fallback) {
    String back = ctx.formParam("back");
    return LocalPaths.isLocal(back) && back.startsWith("/dashboard/") ? back : fallback;
  }
}
