package io.claimdesk.web.assignment;

import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.page.LocalPaths;
import io.claimdesk.web.page.OfferNotice;
import io.claimdesk.web.page.Templates;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offer banner of the dashboard: the signed-in member's open offers on every page (looked up before the page is
 * drawn), the banner alone for the page's script to swap in when an offer comes or goes, and the Accept and
 * Decline forms, answered by the same rules as {@code POST /api/offers/{id}/accept|decline}.
 */
final class OfferBannerController {
  static final String BANNER = "/dashboard/offers/banner";

  private final AssignmentService assignments;
  private final TicketStore tickets;
  private final WebSecurity security;
  private final SessionService sessions;
  private final Clock clock;

  OfferBannerController(AssignmentService assignments, TicketStore tickets, WebSecurity security,
      SessionService sessions, Clock clock) {
    this.assignments = assignments;
    this.tickets = tickets;
    this.security = security;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Behind the session check: leaves the member's offers for the page frame of a page about to be drawn. */
  void lookUp(Context ctx) {
    if (ctx.method() != HandlerType.GET || ctx.path().endsWith("/events") || ctx.path().equals(BANNER)
        || security.signedIn(ctx).isEmpty()) {
      return;
    }
    ctx.attribute(OfferNotice.ATTRIBUTE, notices(security.member(ctx)));
  }

  void banner(Context ctx) {
    Templates.render(ctx, "tag/offers.jte", Map.of("offers", notices(security.member(ctx)),
        "csrf", security.session(ctx).session().csrfToken()));
  }

  void accept(Context ctx) {
    String subject = subjectOf(ctx.pathParam("id"));
    OfferOutcome outcome = assignments.accept(ctx.pathParam("id"), security.member(ctx));
    if (outcome instanceof OfferOutcome.Accepted accepted) {
      flash(ctx, true, "You now own “" + accepted.thread().subject() + "”.");
      ctx.redirect("/dashboard/tickets/" + accepted.thread().id());
      return;
    }
    flash(ctx, false, refusal(outcome) + (subject == null ? "" : ": “" + subject + "”") + ".");
    ctx.redirect(back(ctx));
  }

  void decline(Context ctx) {
    String subject = subjectOf(ctx.pathParam("id"));
    OfferOutcome outcome = assignments.decline(ctx.pathParam("id"), security.member(ctx), Via.WEB);
    if (outcome instanceof OfferOutcome.Declined) {
      flash(ctx, true, "Declined “" + subject + "”: it goes to the next member.");
    } else {
      flash(ctx, false, refusal(outcome) + (subject == null ? "" : ": “" + subject + "”") + ".");
    }
    ctx.redirect(back(ctx));
  }

  private List<OfferNotice> notices(TeamMember member) {
    Instant now = clock.instant();
    List<OfferNotice> out = new ArrayList<>();
    for (Offer offer : assignments.openOffers(member)) {
      Optional<EmailThread> ticket = tickets.find(offer.threadId());
      if (ticket.isPresent()) {
        EmailThread t = ticket.get();
        String customer = t.customerName() == null || t.customerName().isBlank() ? t.customerEmail()
            : t.customerName() + " <" + t.customerEmail() + ">";
        out.add(new OfferNotice(offer.id(), t.id(), t.subject(), customer, offer.expiresAt(), now));
      }
    }
    return out;
  }

  private String subjectOf(String offerId) {
    return assignments.findOffer(offerId).flatMap(o -> tickets.find(o.threadId())).map(EmailThread::subject)
        .orElse(null);
  }

  private void flash(Context ctx, boolean ok, String message) {
    sessions.flash(security.session(ctx).session(), (ok ? "ok|" : "error|") + message);
  }

  private static String refusal(OfferOutcome outcome) {
    if (outcome instanceof OfferOutcome.NotYours) {
      return OfferOutcome.NOT_YOURS;
    }
    if (outcome instanceof OfferOutcome.NotFound) {
      return OfferOutcome.NOT_FOUND;
    }
    return OfferOutcome.NO_LONGER_OPEN;
  }

  /** Back to the page the banner was on (a dashboard page of ours), else the member's tickets. */
  private static String back(Context ctx) {
    String referer = ctx.header("Referer");
    if (referer != null) {
      try {
        URI uri = URI.create(referer);
        String path = uri.getRawPath();
        // only the path is kept: the redirect stays on this server whatever host the header names
        if (path != null && path.startsWith("/dashboard/") && LocalPaths.isLocal(path)) {
          return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
      } catch (IllegalArgumentException e) {
        // not a URL: go to the member's tickets
      }
    }
    return "/dashboard/tickets/mine";
  }
}
