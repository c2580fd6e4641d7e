package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.workload.WorkloadService;
import io.claimdesk.web.dashboard.Views.ListView;
import io.claimdesk.web.dashboard.Views.Option;
import io.claimdesk.web.dashboard.Views.SortLink;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ticket lists (all, mine, unassigned) and the team page. */
public final class DashboardController {
  static final int PAGE_SIZE = 50;
  /** The queues show their oldest tickets, a screenful: the rest wait behind them either way. */
  static final int QUEUE_LIMIT = 50;

  private final PageContext pages;
  private final TicketStore tickets;
  private final TeamService team;
  private final WorkloadService workload;
  private final Clock clock;

  DashboardController(PageContext pages, TicketStore tickets, TeamService team, WorkloadService workload,
      Clock clock) {
    this.pages = pages;
    this.tickets = tickets;
    this.team = team;
    this.workload = workload;
    this.clock = clock;
  }

  public void all(Context ctx) {
    TeamMember me = pages.member(ctx);
    ListParams params = ListParams.of(ctx, me);
    String error = null;
    TicketPage page;
    try {
      page = tickets.list(new TicketQuery(params.status(), params.assignee(), PAGE_SIZE, params.cursor(), params.q(),
          params.sort()));
    } catch (IllegalArgumentException e) {
      if (params.cursor() == null) { // the search itself: too long, too many words
        error = "Search not run: " + e.getMessage() + ".";
        page = new TicketPage(List.of(), null);
      } else {
        page = tickets.list(new TicketQuery(params.status(), params.assignee(), PAGE_SIZE, null, params.q(),
            params.sort())); // a mangled cursor: first page
      }
    }
    String nextUrl = page.nextCursor() == null ? null : params.withCursor(ctx.path(), page.nextCursor());
    List<Option> assignees = new ArrayList<>();
    assignees.add(new Option("", "Anyone", params.assigneeParam() == null));
    assignees.add(new Option("me", "Me", "me".equals(params.assigneeParam())));
    assignees.add(new Option(TicketQuery.UNASSIGNED, "Nobody (available)",
        TicketQuery.UNASSIGNED.equals(params.assigneeParam())));
    for (TeamMember m : team.all()) {
      assignees.add(new Option(m.id(), m.displayName(), m.id().equals(params.assigneeParam())));
    }
    String heading = params.q() == null ? "All tickets" : "Search: " + params.q();
    Map<String, Snippet> snippets = page.snippets();
    List<TicketRow> rows = page.tickets().stream().map(t -> TicketRow.of(t, me, snippets.get(t.id()))).toList();
    render(ctx, "all", heading, rows, params, statuses(params.status(), true), assignees, nextUrl, error);
  }

  public void mine(Context ctx) {
    TeamMember me = pages.member(ctx);
    ListParams params = ListParams.of(ctx, me);
    List<EmailThread> list = QueueOrder.apply(tickets.ownedBy(me.id(), QUEUE_LIMIT), params.status(),
        params.sort(), true);
    render(ctx, "mine", "My tickets", rows(list, me), params, statuses(params.status(), false), List.of(), null,
        null);
  }

  public void unassigned(Context ctx) {
    TeamMember me = pages.member(ctx);
    ListParams params = ListParams.of(ctx, me);
    List<EmailThread> list = QueueOrder.apply(tickets.unassigned(QUEUE_LIMIT), params.status(), params.sort(),
        false);
    render(ctx, "unassigned", "Unassigned tickets", rows(list, me), params, statuses(params.status(), false),
        List.of(), null, null);
  }

  private static List<TicketRow> rows(List<EmailThread> list, TeamMember me) {
    return list.stream().map(t -> TicketRow.of(t, me)).toList();
  }

  /** The status choices; the queues hold no resolved tickets, so they do not offer that one. */
  private static List<Option> statuses(TicketStatus current, boolean withResolved) {
    List<Option> statuses = new ArrayList<>();
    statuses.add(new Option("", "Any status", current == null));
    for (TicketStatus s : TicketStatus.values()) {
      if (withResolved || s != TicketStatus.RESOLVED) {
        statuses.add(new Option(s.value(), s.label(), s == current));
      }
    }
    return statuses;
  }

  public void team(Context ctx) {
    if (!pages.isManager(ctx)) {
      throw new ForbiddenResponse("Only managers can see the team page");
    }
    Templates.render(ctx, "team.jte", new Views.TeamView(pages.chrome(ctx, "Team", "team"), workload.compute(),
        team.all(), pages.member(ctx).role() == Role.ADMIN));
  }

  private void render(Context ctx, String kind, String heading, List<TicketRow> rows, ListParams params,
      List<Option> statuses, List<Option> assignees, String nextUrl, String error) {
    String back = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    List<SortLink> sorts = new ArrayList<>();
    for (TicketSort sort : TicketSort.values()) {
      sorts.add(new SortLink(sort.value(), params.withSort(ctx.path(), sort.value()), sort == params.sort()));
    }
    Templates.render(ctx, "tickets.jte", new ListView(pages.chrome(ctx, heading, kind), kind, heading, rows,
        statuses, assignees, nextUrl, back, clock.instant(), params.q(), params.statusParam(),
        params.assigneeParam(), params.sortParam(), sorts, error));
  }
}
