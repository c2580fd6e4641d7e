package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.workload.WorkloadService;
import io.claimdesk.web.dashboard.Views.ListView;
import io.claimdesk.web.dashboard.Views.Option;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    String statusParam = blankToNull(ctx.queryParam("status"));
    String assigneeParam = blankToNull(ctx.queryParam("assignee"));
    TicketStatus status = statusParam == null ? null : TicketStatus.parse(statusParam).orElse(null);
    String assignee = assignee(assigneeParam, me);
    String cursor = blankToNull(ctx.queryParam("cursor"));
    TicketPage page;
    try {
      page = tickets.list(new TicketQuery(status, assignee, PAGE_SIZE, cursor));
    } catch (IllegalArgumentException e) {
      page = tickets.list(new TicketQuery(status, assignee, PAGE_SIZE, null)); // a mangled cursor: first page
    }
    String nextUrl = page.nextCursor() == null ? null : "/dashboard/tickets?" + query(statusParam, assigneeParam)
        + "cursor=" + encode(page.nextCursor());
    List<Option> statuses = new ArrayList<>();
    statuses.add(new Option("", "Any status", status == null));
    for (TicketStatus s : TicketStatus.values()) {
      statuses.add(new Option(s.value(), s.value().replace('_', ' '), s == status));
    }
    List<Option> assignees = new ArrayList<>();
    assignees.add(new Option("", "Anyone", assigneeParam == null));
    assignees.add(new Option("me", "Me", "me".equals(assigneeParam)));
    assignees.add(new Option(TicketQuery.UNASSIGNED, "Nobody (available)",
        TicketQuery.UNASSIGNED.equals(assigneeParam)));
    for (TeamMember m : team.all()) {
      assignees.add(new Option(m.id(), m.displayName(), m.id().equals(assigneeParam)));
    }
    render(ctx, "all", "All tickets", page.tickets(), statuses, assignees, nextUrl);
  }

  public void mine(Context ctx) {
    render(ctx, "mine", "My tickets", tickets.ownedBy(pages.member(ctx).id(), QUEUE_LIMIT), List.of(), List.of(),
        null);
  }

  public void unassigned(Context ctx) {
    render(ctx, "unassigned", "Unassigned tickets", tickets.unassigned(QUEUE_LIMIT), List.of(), List.of(), null);
  }

  public void team(Context ctx) {
    if (!pages.isManager(ctx)) {
      throw new ForbiddenResponse("Only managers can see the team page");
    }
    Templates.render(ctx, "team.jte", new Views.TeamView(pages.chrome(ctx, "Team", "team"), workload.compute(),
        team.all(), pages.member(ctx).role() == Role.ADMIN));
  }

  private void render(Context ctx, String kind, String heading, List<EmailThread> list, List<Option> statuses,
      List<Option> assignees, String nextUrl) {
    TeamMember me = pages.member(ctx);
    List<TicketRow> rows = list.stream().map(t -> TicketRow.of(t, me)).toList();
    String back = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    Templates.render(ctx, "tickets.jte", new ListView(pages.chrome(ctx, heading, kind), kind, heading, rows,
        statuses, assignees, nextUrl, back, clock.instant()));
  }

  /** {@code me}, {@code none} or a member id; anything else (a typo, an old link) shows everyone's tickets. */
  private static String assignee(String value, TeamMember me) {
    if (value == null) {
      return null;
    }
    if (value.equals("me")) {
      return me.id();
    }
    if (value.equals(TicketQuery.UNASSIGNED) || value.matches("[0-9a-f]{24}")) {
      return value;
    }
    return null;
  }

  private static String query(String status, String assignee) {
    StringBuilder q = new StringBuilder();
    Optional.ofNullable(status).ifPresent(s -> q.append("status=").append(encode(s)).append('&'));
    Optional.ofNullable(assignee).ifPresent(a -> q.append("assignee=").append(encode(a)).append('&'));
    return q.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
