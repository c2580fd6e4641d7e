package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.dashboard.LiveEvents;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;
import java.time.Clock;

/** Installs the assignment API on a server whose {@code /api/*} routes are already authenticated. */
public final class AssignmentRoutes {
  private AssignmentRoutes() {}

  /** The API, and the settings page behind the dashboard's session check (which also checks its CSRF token). */
  public static void install(Javalin app, AssignmentService assignments, WebDependencies deps) {
    install(app, assignments, deps.history(), deps.clock());
    WebSecurity security = new WebSecurity(deps.sessions(), deps.secureCookies());
    SettingsPageController page = new SettingsPageController(assignments, security, deps.sessions(),
        deps.teamStore());
    app.get(SettingsPageController.PATH, page::show);
    app.post(SettingsPageController.PATH, page::save);
    installBanner(app, assignments, deps, security);
    UnclaimAllPageController unclaimAll = new UnclaimAllPageController(assignments, deps.tickets(),
        deps.teamStore(), security, deps.sessions());
    app.get(UnclaimAllPageController.PATH, unclaimAll::confirm);
    app.post(UnclaimAllPageController.PATH, unclaimAll::release);
  }

  /**
   * The banner of offers on every dashboard page, its Accept and Decline forms, and the watch that makes open pages
   * show and hide it as offers come and go.
   */
  private static void installBanner(Javalin app, AssignmentService assignments, WebDependencies deps,
      WebSecurity security) {
    OfferBannerController banner = new OfferBannerController(assignments, deps.tickets(), security, deps.sessions(),
        deps.clock());
    app.before("/dashboard/*", banner::lookUp);
    app.get(OfferBannerController.BANNER, banner::banner);
    app.post("/dashboard/offers/{id}/accept", banner::accept);
    app.post("/dashboard/offers/{id}/decline", banner::decline);
    OfferWatch watch = new OfferWatch(assignments, LiveEvents.of(app));
    app.events(events -> {
      events.serverStarted(watch::start);
      events.serverStopping(watch::close);
    });
  }

  static void install(Javalin app, AssignmentService assignments, AssignmentLog history, Clock clock) {
    AssignmentController api = new AssignmentController(assignments);
    app.get("/api/settings/assignment", api::policy);
    app.put("/api/settings/assignment", api::changePolicy);
    app.get("/api/offers/mine", api::mine);
    app.post("/api/offers/{id}/accept", api::accept);
    app.post("/api/offers/{id}/decline", api::decline);
    app.post("/api/team/{id}/unclaim-all", api::unclaimAll);
    EventsController events = new EventsController(history, clock);
    app.get("/api/assignment-events", events::list);
  }
}
