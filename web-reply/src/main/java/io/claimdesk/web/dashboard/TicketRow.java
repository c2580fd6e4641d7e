package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;

/**
 * A ticket as one viewer sees it: one of three states, in words and in colour. {@code state} is {@code mine},
 * {@code other} or {@code available} (the CSS class), {@code label} the words shown.
 */
public record TicketRow(EmailThread ticket, String state, String label) {

  static TicketRow of(EmailThread ticket, TeamMember viewer) {
    if (!ticket.isOwned()) {
      return new TicketRow(ticket, "available", "Available");
    }
    if (ticket.isOwnedBy(viewer.id())) {
      return new TicketRow(ticket, "mine", "You are handling");
    }
    String owner = ticket.owner().name() == null || ticket.owner().name().isBlank()
        ? ticket.owner().email() : ticket.owner().name();
    return new TicketRow(ticket, "other", owner + " is handling");
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
