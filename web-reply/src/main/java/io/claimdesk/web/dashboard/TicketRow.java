package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;

/**
 * A ticket as one viewer sees it: one of three states, in words and in colour. {@code state} is {@code mine},
 * {@code other} or {@code available} (the CSS class), {@code label} the words shown: a resolved ticket says who
 * resolved it rather than that someone is still handling it.
 */
public record TicketRow(EmailThread ticket, String state, String label) {

  static TicketRow of(EmailThread ticket, TeamMember viewer) {
    boolean resolved = ticket.status() == TicketStatus.RESOLVED;
    if (!ticket.isOwned()) {
      return new TicketRow(ticket, "available", resolved ? "Resolved" : "Available");
    }
    if (ticket.isOwnedBy(viewer.id())) {
      return new TicketRow(ticket, "mine", resolved ? "Resolved by you" : "You are handling");
    }
    String owner = ticket.owner().displayName();
    return new TicketRow(ticket, "other", resolved ? "Resolved by " + owner : owner + " is handling");
  }

  public String id() {
    return ticket.id();
  }

  public boolean available() {
    return !ticket.isOwned();
  }

  public boolean mine() {
    return "mine".equals(state);
  }

  public String from() {
    String name = ticket.customerName();
    return name == null || name.isBlank() ? ticket.customerEmail() : name + " <" + ticket.customerEmail() + ">";
  }
}
