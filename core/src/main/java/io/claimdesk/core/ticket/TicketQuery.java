package io.claimdesk.core.ticket;

/**
 * A filter for ticket lists. {@code status} and {@code assignee} are optional; {@code assignee} is a member id or
 * {@link #UNASSIGNED}. {@code cursor} is the opaque value returned as {@link TicketPage#nextCursor()}.
 */
public record TicketQuery(TicketStatus status, String assignee, int limit, String cursor) {
  public static final String UNASSIGNED = "none";
  public static final int MAX_LIMIT = 200;

  public TicketQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }
}
