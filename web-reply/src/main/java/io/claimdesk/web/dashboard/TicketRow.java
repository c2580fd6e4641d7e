package io.claimdesk.web.dashboard;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Instant;

/**
 * A ticket as one viewer sees it: one of three states, in words and in colour. {@code state} is {@code mine},
 * {@code other} or {@code available} (the CSS class), {@code label} the words shown: a resolved ticket says who
 * resolved it rather than that someone is still handling it; {@code snippet} the text around a search hit, or null.
 */
public record TicketRow(EmailThread ticket, String state, String label, Snippet snippet) {

  static TicketRow of(EmailThread ticket, TeamMember viewer) {
    return of(ticket, viewer, null);
  }

  static TicketRow of(EmailThread ticket, TeamMember viewer, Snippet snippet) {
    boolean resolved = ticket.status() == TicketStatus.RESOLVED;
    if (!ticket.isOwned()) {
      return new TicketRow(ticket, "available", resolved ? "Resolved" : "Available", snippet);
    }
    if (ticket.isOwnedBy(viewer.id())) {
      return new TicketRow(ticket, "mine", resolved ? "Resolved by you" : "You are handling", snippet);
    }
    String owner = ticket.owner().displayName();
    return new TicketRow(ticket, "other", resolved ? "Resolved by " + owner : owner + " is handling", snippet);
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

  /** True when the customer wrote last and waits for the team. */
  public boolean needsReply() {
    return ticket.needsReply();
  }

  /**
   * The mark of a ticket waiting for the team: {@code Customer replied} when the customer answered a reply,
   * {@code Not answered yet} when nobody has replied at all; null when the team wrote last.
   */
  public String replyMark() {
    if (!ticket.needsReply()) {
      return null;
    }
    return ticket.customerReplied() ? "Customer replied" : "Not answered yet";
  }

  /** Since when the customer waits: their last message the team has not answered; null when nobody waits. */
  public Instant waitingSince() {
    return ticket.waitingSince();
  }

  /** The last message of either side (internal notes included). */
  public Instant lastActivity() {
    return ticket.lastMessageAt() == null ? ticket.receivedAt() : ticket.lastMessageAt();
  }
}
