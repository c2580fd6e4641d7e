package io.claimdesk.web.dashboard;

import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.reply.ReplyDraft;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.claim.NoteOutcome;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.savedreply.SavedReplyService;
import io.claimdesk.web.dashboard.Views.ReplyGate;
import io.javalin.http.UploadedFile;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.dashboard.Views.MessageView;
import io.claimdesk.web.dashboard.Views.Option;
import io.claimdesk.web.http.ApiErrors;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ticket page, the reply page and the forms they post: each form is one {@link ClaimService} or
 * {@link ReplyService} call with {@code via: web}, then a redirect back with the outcome as a one-time notice.
 */
public final class TicketPageController {
  private final PageContext pages;
  private final ClaimService claims;
  private final ReplyService replies;
  private final TicketStore tickets;
  private final AssignmentLog history;
  private final TeamService team;
  private final Clock clock;
  private final SavedReplyService savedReplies;
  private final AttachmentStore attachments;

  TicketPageController(PageContext pages, ClaimService claims, ReplyService replies, TicketStore tickets,
      AssignmentLog history, TeamService team, Clock clock, SavedReplyService savedReplies,
      AttachmentStore attachments) {
    this.savedReplies = savedReplies;
    this.attachments = attachments;
    this.pages = pages;
    this.claims = claims;
    this.replies = replies;
    this.tickets = tickets;
    this.history = history;
    this.team = team;
    this.clock = clock;
  }

  public void show(Context ctx) {
    EmailThread ticket = ticket(ctx);
    TeamMember me = pages.member(ctx);
    boolean images = "1".equals(ctx.queryParam("images"));
    List<MessageView> messages = messages(ticket, images);
    boolean manager = pages.isManager(ctx);
    List<Option> statuses = new ArrayList<>();
    for (TicketStatus s : TicketStatus.values()) {
      statuses.add(new Option(s.value(), s.value().replace('_', ' '), s == ticket.status()));
    }
    List<Option> members = new ArrayList<>();
    if (manager) {
      for (TeamMember m : team.all()) {
        if (m.active()) {
          members.add(new Option(m.id(), m.displayName() + " (" + m.email() + ")", ticket.isOwnedBy(m.id())));
        }
      }
    }
    Views.TicketView view = new Views.TicketView(pages.chrome(ctx, ticket.subject(), "ticket"), TicketRow.of(ticket, me),
        messages, HistoryRow.of(history.history(ticket.id()), team.all()), statuses, members, ticket.isOwnedBy(me.id()) || (manager && ticket.isOwned()),
        ticket.isOwnedBy(me.id()) || manager, manager, images, blocked(messages), "/dashboard/tickets/" + ticket.id(),
        clock.instant(), unsent(ticket, me, manager), gate(ticket, me, manager));
    Templates.render(ctx, "ticket.jte", view, images ? Templates.cspWithRemoteImages() : null);
  }

  public void replyForm(Context ctx) {
    EmailThread ticket = ticket(ctx);
    showReply(ctx, ticket, 200, "", "", null);
  }

  /** An internal note from the ticket page: any member, any ticket; never mailed, claims nothing. */
  public void note(Context ctx) {
    String id = ticket(ctx).id();
    NoteOutcome outcome = claims.note(id, pages.member(ctx), ctx.formParam("body"), Via.WEB);
    if (outcome instanceof NoteOutcome.Added added) {
      pages.flash(ctx, true, "Internal note added. The customer does not see it.");
      ctx.redirect("/dashboard/tickets/" + id + "#message-" + added.note().id());
      return;
    }
    pages.flash(ctx, false, ApiErrors.refusal(((NoteOutcome.Refused) outcome).reason()).getMessage());
    ctx.redirect("/dashboard/tickets/" + id + "#note-form");
  }

  /** Whether the viewer may reply to the ticket, told before they type. */
  private ReplyGate gate(EmailThread ticket, TeamMember me, boolean manager) {
    String owner = ticket.isOwned() && !ticket.isOwnedBy(me.id()) ? ownerName(ticket) : null;
    return new ReplyGate(owner, replies == null, manager);
  }

  private static String ownerName(EmailThread ticket) {
    String name = ticket.owner().name();
    return name == null || name.isBlank() ? ticket.owner().email() : name;
  }

  public void reply(Context ctx) {
    EmailThread ticket = ticket(ctx);
    String body = ctx.formParam("body") == null ? "" : ctx.formParam("body");
    String cc = ctx.formParam("cc") == null ? "" : ctx.formParam("cc");
    if (replies == null) {
      showReply(ctx, ticket, 503, body, cc, ApiException.REPLIES_OFF);
      return;
    }
    List<UploadedFile> files = ReplyUploads.chosen(ctx);
    TeamMember me = pages.member(ctx);
    if (!files.isEmpty() && ticket.isOwned() && !ticket.isOwnedBy(me.id())) {
      // refused before the files are stored: nothing would ever point at them
      showReply(ctx, ticket, 409, body, cc, new ClaimOutcome.AlreadyClaimed(ticket).message());
      return;
    }
    ReplyDraft draft = new ReplyDraft(body, ReplyDraft.splitAddresses(cc),
        ReplyUploads.store(files, attachments));
    ReplyOutcome outcome = replies.reply(ticket.id(), me, draft, Via.WEB);
    if (outcome instanceof ReplyOutcome.Sent) {
      pages.flash(ctx, true, "Reply sent. Claimed by you.");
      ctx.redirect("/dashboard/tickets/" + ticket.id());
      return;
    }
    if (outcome instanceof ReplyOutcome.SendFailed failed) {
      // kept on the ticket, where it is sent again as the same mail: a second copy in the box would be a second mail
      pages.flash(ctx, false, "Not sent: " + Flash.sentence(failed.message()) + " It is kept under \"Not sent\": "
          + "send it again or discard it.");
      ctx.redirect("/dashboard/tickets/" + ticket.id() + "#unsent");
      return;
    }
    // refused or invalid: nothing was kept, the draft stays in the box and its files, stored already, go
    ReplyUploads.forget(draft.attachments(), attachments);
    EmailThread current = tickets.find(ticket.id()).orElse(ticket);
    ApiException refusal = ApiErrors.refusal(outcome); // the API's status and message for the same outcome
    showReply(ctx, current, refusal.status(), body, cc, refusal.getMessage());
  }

  /** Sends a reply that was not accepted again, as the same mail. */
  public void retryReply(Context ctx) {
    String id = ticket(ctx).id();
    if (replies == null) {
      throw ApiException.repliesOff();
    }
    ReplyOutcome outcome = onThisTicket(ctx, id)
        ? replies.retry(ctx.pathParam("replyId"), pages.member(ctx), Via.WEB) : new ReplyOutcome.NoSuchReply();
    if (outcome instanceof ReplyOutcome.Sent) {
      pages.flash(ctx, true, "Reply sent.");
    } else if (outcome instanceof ReplyOutcome.SendFailed failed) {
      pages.flash(ctx, false, "Not sent: " + Flash.sentence(failed.message()) + " It is still kept under \"Not sent\".");
    } else {
      pages.flash(ctx, false, ApiErrors.refusal(outcome).getMessage());
    }
    ctx.redirect("/dashboard/tickets/" + id);
  }

  /** Gives up a reply that was not accepted. */
  public void discardReply(Context ctx) {
    String id = ticket(ctx).id();
    if (replies == null) {
      throw ApiException.repliesOff();
    }
    ReplyOutcome outcome = onThisTicket(ctx, id)
        ? replies.discard(ctx.pathParam("replyId"), pages.member(ctx)) : new ReplyOutcome.NoSuchReply();
    if (outcome instanceof ReplyOutcome.Discarded) {
      pages.flash(ctx, true, "Reply discarded; it was not sent.");
    } else {
      pages.flash(ctx, false, ApiErrors.refusal(outcome).getMessage());
    }
    ctx.redirect("/dashboard/tickets/" + id);
  }

  /** The page of one ticket acts on that ticket's replies only, whatever reply id the URL names. */
  private boolean onThisTicket(Context ctx, String ticketId) {
    return replies.isOn(ctx.pathParam("replyId"), ticketId);
  }

  private List<Views.UnsentView> unsent(EmailThread ticket, TeamMember me, boolean manager) {
    if (replies == null) {
      return List.of();
    }
    List<PendingReply> pending = replies.unsent(ticket.id());
    if (pending.isEmpty()) {
      return List.of();
    }
    Map<String, String> names = new HashMap<>();
    team.all().forEach(m -> names.put(m.id(), m.displayName()));
    Instant now = clock.instant();
    List<Views.UnsentView> views = new ArrayList<>();
    for (PendingReply r : pending) {
      boolean mine = r.authorId().equals(me.id());
      views.add(new Views.UnsentView(r, names.getOrDefault(r.authorId(), "a former member"), r.cutOff(now),
          r.open(now) && mine, r.open(now) && (mine || manager)));
    }
    return views;
  }

  public void claim(Context ctx) {
    act(ctx, id -> claims.claim(id, pages.member(ctx), Via.WEB), t -> "You claimed " + Flash.quoted(t) + ".");
  }

  public void unclaim(Context ctx) {
    act(ctx, id -> claims.unclaim(id, pages.member(ctx), Via.WEB), t -> "You released " + Flash.quoted(t) + ".");
  }

  public void reassign(Context ctx) {
    String memberId = ctx.formParam("memberId") == null ? "" : ctx.formParam("memberId");
    act(ctx, id -> claims.reassign(id, pages.member(ctx), memberId, Via.WEB),
        t -> Flash.quoted(t) + " reassigned to " + (t.isOwned() ? t.owner().displayName() : "nobody") + ".");
  }

  public void status(Context ctx) {
    TicketStatus status = TicketStatus.parse(ctx.formParam("status")).orElse(null);
    if (status == null) {
      pages.flash(ctx, false, "Unknown status: " + ctx.formParam("status"));
      ctx.redirect(PageContext.back(ctx, "/dashboard/tickets/" + ticket(ctx).id()));
      return;
    }
    act(ctx, id -> claims.changeStatus(id, pages.member(ctx), status, Via.WEB),
        t -> Flash.quoted(t) + " is now " + status.value().replace('_', ' ') + ".");
  }

  private void act(Context ctx, Function<String, ClaimOutcome> action, Function<EmailThread, String> success) {
    String id = ticket(ctx).id();
    ClaimOutcome outcome = action.apply(id);
    if (outcome instanceof ClaimOutcome.Won won) {
      pages.flash(ctx, true, success.apply(won.thread()));
    } else {
      pages.flash(ctx, false, ApiErrors.refusal(outcome).getMessage());
    }
    ctx.redirect(PageContext.back(ctx, "/dashboard/tickets/" + id));
  }

  private void showReply(Context ctx, EmailThread ticket, int status, String draft, String cc, String error) {
    boolean images = "1".equals(ctx.queryParam("images"));
    List<MessageView> messages = messages(ticket, images);
    Chrome chrome = pages.chrome(ctx, "Reply: " + ticket.subject(), "reply");
    ctx.status(status);
    TeamMember me = pages.member(ctx);
    Templates.render(ctx, "reply.jte", new Views.ReplyView(chrome, TicketRow.of(ticket, me), messages,
        draft, error, replies != null, images, blocked(messages), clock.instant(),
        gate(ticket, me, pages.isManager(ctx)), savedReplies.all(), cc),
        images ? Templates.cspWithRemoteImages() : null);
  }

  private EmailThread ticket(Context ctx) {
    return tickets.find(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("Ticket not found"));
  }

  private List<MessageView> messages(EmailThread ticket, boolean images) {
    List<MessageView> views = new ArrayList<>();
    for (ThreadMessage m : tickets.messages(ticket.id())) {
      EmailHtml.Safe safe = m.html() == null || m.html().isBlank() ? null : EmailHtml.clean(m.html(), images);
      views.add(new MessageView(m, safe == null ? null : safe.html(), safe == null ? 0 : safe.blockedImages()));
    }
    return views;
  }

  private static int blocked(List<MessageView> messages) {
    return messages.stream().mapToInt(MessageView::blockedImages).sum();
  }
}
