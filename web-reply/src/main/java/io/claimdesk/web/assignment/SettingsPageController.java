package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.ErrorView;
import io.claimdesk.web.page.OfferNotice;
import io.claimdesk.web.page.Templates;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /dashboard/settings/assignment}: the policy form for managers, read by the same parser as
 * {@code PUT /api/settings/assignment}, so the page and the API accept and refuse the same values.
 */
final class SettingsPageController {
  static final String PATH = "/dashboard/settings/assignment";

  private final AssignmentService assignments;
  private final WebSecurity security;
  private final SessionService sessions;
  private final TeamStore team;

  SettingsPageController(AssignmentService assignments, WebSecurity security, SessionService sessions,
      TeamStore team) {
    this.assignments = assignments;
    this.security = security;
    this.sessions = sessions;
    this.team = team;
  }

  void show(Context ctx) {
    if (refusedToAgents(ctx)) {
      return;
    }
    render(ctx, 200, strings(assignments.policy().fields()), null);
  }

  void save(Context ctx) {
    if (refusedToAgents(ctx)) {
      return;
    }
    Map<String, String> typed = new LinkedHashMap<>();
    for (String field : AssignmentPolicy.MANUAL.fields().keySet()) {
      String value = ctx.formParam(field);
      typed.put(field, value == null ? "" : value.strip());
    }
    // an unticked box is not sent at all
    typed.put("offer", "true".equals(typed.get("offer")) ? "true" : "false");
    AssignmentPolicy.Parsed parsed = AssignmentPolicy.parse(typed, assignments.policy());
    if (parsed instanceof AssignmentPolicy.Parsed.Invalid invalid) {
      render(ctx, 400, typed, invalid.message());
      return;
    }
    var refusal = assignments.changePolicy(security.member(ctx), ((AssignmentPolicy.Parsed.Valid) parsed).policy());
    if (refusal.isPresent()) {
      render(ctx, 403, typed, refusal.get());
      return;
    }
    sessions.flash(security.session(ctx).session(), "ok|Saved the assignment policy.");
    ctx.redirect(PATH);
  }

  private boolean refusedToAgents(Context ctx) {
    if (security.member(ctx).role().canManageTickets()) {
      return false;
    }
    ctx.status(403);
    Templates.render(ctx, "error.jte", new ErrorView(chrome(ctx), 403, AssignmentController.POLICY_NOT_MANAGER));
    return true;
  }

  private void render(Context ctx, int status, Map<String, String> values, String error) {
    ctx.status(status);
    Templates.render(ctx, "assignment-settings.jte", new SettingsView(chrome(ctx), values, error));
  }

  private Chrome chrome(Context ctx) {
    SessionService.SignedIn signedIn = security.session(ctx);
    String flash = sessions.takeFlash(signedIn.session()).orElse(null);
    TeamMember member = team.find(signedIn.member().id()).orElse(signedIn.member());
    return new Chrome("Assignment policy", member, signedIn.session().csrfToken(), flash, "settings",
        ctx.attribute(OfferNotice.ATTRIBUTE));
  }

  private static Map<String, String> strings(Map<String, Object> fields) {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> out.put(k, v == null ? "" : v.toString()));
    return out;
  }
}
