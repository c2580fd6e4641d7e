package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.claim.AssignmentLog;
import io.javalin.Javalin;
import java.time.Clock;

/** Installs the assignment API on a server whose {@code /api/*} routes are already authenticated. */
public final class AssignmentRoutes {
  private AssignmentRoutes() {}

  public static void install(Javalin app, AssignmentService assignments, AssignmentLog history, Clock clock) {
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
