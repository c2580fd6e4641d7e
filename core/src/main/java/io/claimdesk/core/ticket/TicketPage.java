package io.claimdesk.core.ticket;

import java.util.List;
import java.util.Map;

/**
 * One page of tickets and the cursor of the next page, null on the last one; for a search, the text around the
 * first hit of each ticket whose messages hold one, by ticket id.
 */
public record TicketPage(List<EmailThread> tickets, String nextCursor, Map<String, Snippet> snippets) {
  public TicketPage {
    snippets = snippets == null ? Map.of() : Map.copyOf(snippets);
  }

  public TicketPage(List<EmailThread> tickets, String nextCursor) {
    this(tickets, nextCursor, Map.of());
  }
}
