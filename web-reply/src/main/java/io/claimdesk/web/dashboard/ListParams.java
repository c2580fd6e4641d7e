package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.TicketStatus;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of a ticket list page, as typed ({@code status}, {@code assignee}, {@code q}, {@code sort})
 * and as understood: an unknown value (a typo, an old link) is ignored rather than refused, as a page should.
 */
record ListParams(String statusParam, TicketStatus status, String assigneeParam, String assignee, String q,
    String sortParam, TicketSort sort, String cursor) {

  static ListParams of(Context ctx, TeamMember me) {
    String statusParam = blankToNull(ctx.queryParam("status"));
    TicketStatus status = statusParam == null ? null : TicketStatus.parse(statusParam).orElse(null);
    String assigneeParam = blankToNull(ctx.queryParam("assignee"));
    String sortParam = blankToNull(ctx.queryParam("sort"));
    TicketSort sort = sortParam == null ? null : TicketSort.parse(sortParam).orElse(null);
    String q = blankToNull(ctx.queryParam("q"));
    return new ListParams(status == null ? null : statusParam, status, assigneeParam, assignee(assigneeParam, me),
        q == null ? null : q.strip(), sort == null ? null : sortParam, sort, blankToNull(ctx.queryParam("cursor")));
  }

  /** {@code me}, {@code none} or a member id; anything else shows everyone's tickets. */
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

  /** This list's address with {@code sort} changed (null: the list's own order) and no cursor: page one. */
  String withSort(String path, String newSort) {
    Map<String, String> params = params();
    params.put("sort", newSort);
    return url(path, params);
  }

  /** This list's address at the page after {@code nextCursor}. */
  String withCursor(String path, String nextCursor) {
    Map<String, String> params = params();
    params.put("cursor", nextCursor);
    return url(path, params);
  }

  private Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", q);
    params.put("status", statusParam);
    params.put("assignee", assigneeParam);
    params.put("sort", sortParam);
    return params;
  }

  private static String url(String path, Map<String, String> params) {
    StringBuilder url = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() != null) {
        url.append(separator).append(p.getKey()).append('=')
            .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return url.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
