package io.claimdesk.core.ticket;

import java.util.List;

/** One page of tickets and the cursor of the next page, null on the last one. */
public record TicketPage(List<EmailThread> tickets, String nextCursor) {}
