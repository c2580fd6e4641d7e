package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.UnclaimAllOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.ErrorView;
import io.claimdesk.web.page.OfferNotice;
import io.claimdesk.web.page.Templates;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The team page's "Unclaim all" (a member on vacation): a page that names the member and how many tickets go back
 * before anything changes, then the form that releases them through {@link AssignmentService#unclaimAll}, the rule
 * of {@code POST /api/team/{id}/unclaim-all}. A plain form on both steps, so nothing depends on a script.
 */
final class UnclaimAllPageController {
  static final String PATH = "/dashboard/team/{id}/unclaim-all";
  static final String NOT_MANAGER = "Only managers can reassign tickets";
  private static final int MOST_COUNTED = 10_000;

  private final AssignmentService assignments;
  private final TicketStore tickets;
  private final TeamStore team;
  private final WebSecurity security;
  private final SessionService sessions;

  UnclaimAllPageController(AssignmentService assignments, TicketStore tickets, TeamStore team, WebSecurity security,
      SessionService sessions) {
    this.assignments = assignments;
    this.tickets = tickets;
    this.team = team;
    this.security = security;
    this.sessions = sessions;
  }

  void confirm(Context ctx) {
    Optional<TeamMember> member = refusedOrMember(ctx);
    if (member.isEmpty()) {
      return;
    }
    int count = tickets.ownedBy(member.get().id(), MOST_COUNTED).size();
    Templates.render(ctx, "unclaim-all.jte", new UnclaimAllView(chrome(ctx, "Unclaim all"), member.get(), count));
  }

  void release(Context ctx) {
    Optional<TeamMember> member = refusedOrMember(ctx);
    if (member.isEmpty()) {
      return;
    }
    UnclaimAllOutcome outcome = assignments.unclaimAll(security.member(ctx), member.get().id(), Via.WEB);
    String flash;
    if (outcome instanceof UnclaimAllOutcome.Released released) {
      flash = "ok|Released " + (released.count() == 1 ? "1 ticket" : released.count() + " tickets") + " of "
          + member.get().displayName() + " to the queue.";
    } else if (outcome instanceof UnclaimAllOutcome.NotAllowed refused) {
      flash = "error|" + refused.message();
    } else {
      flash = "error|" + ((UnclaimAllOutcome.NotFound) outcome).message();
    }
    sessions.flash(security.session(ctx).session(), flash);
    ctx.redirect("/dashboard/team");
  }

  /** The member named in the path; a 403 or 404 page (and empty) for agents or an unknown id. */
  private Optional<TeamMember> refusedOrMember(Context ctx) {
    if (!security.member(ctx).role().canManageTickets()) {
      error(ctx, 403, NOT_MANAGER);
      return Optional.empty();
    }
    Optional<TeamMember> member = team.find(ctx.pathParam("id"));
    if (member.isEmpty()) {
      error(ctx, 404, new UnclaimAllOutcome.NotFound().message());
    }
    return member;
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status);
    Templates.render(ctx, "error.jte", new ErrorView(chrome(ctx, "Error " + status), status, message));
  }

  private Chrome chrome(Context ctx, String title) {
    SessionService.SignedIn signedIn = security.session(ctx);
    String flash = sessions.takeFlash(signedIn.session()).orElse(null);
    TeamMember me = team.find(signedIn.member().id()).orElse(signedIn.member());
    return new Chrome(title, me, signedIn.session().csrfToken(), flash, "team", ctx.attribute(OfferNotice.ATTRIBUTE));
  }
}
