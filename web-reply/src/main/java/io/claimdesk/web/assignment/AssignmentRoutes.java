package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;
import java.time.Clock;

/** Installs the assignment API on a server whose {@code /api/*} routes are already authenticated. */
public final class AssignmentRoutes {
  private AssignmentRoutes() {}

  /** The API, and the settings page behind the dashboard's session check (which also checks its CSRF token). */
  public static void install(Javalin app, AssignmentService assignments, WebDependencies deps) {
    install(app, assignments, deps.history(), deps.clock());
    SettingsPageController page = new SettingsPageController(assignments,
        new WebSecurity(deps.sessions(), deps.secureCookies()), deps.sessions(), deps.teamStore());
    app.get(SettingsPageController.PATH, page::show);
    app.post(SettingsPageController.PATH, page::save);
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
