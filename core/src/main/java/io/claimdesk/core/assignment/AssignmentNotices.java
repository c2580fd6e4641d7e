package io.claimdesk.core.assignment;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;

/**
 * What the assignment policy tells people in chat, after the change it speaks of has been made (its
 * compare-and-set won). Implementations hand the sending to a thread of their own and return at once: a chat tool
 * that is slow or down never holds up an assignment.
 */
public interface AssignmentNotices {
  /** Tells nobody. */
  AssignmentNotices NONE = new AssignmentNotices() {};

  /** {@code ticket} was offered to {@code member}: a direct message with Accept and Decline. */
  default void offered(Offer offer, EmailThread ticket, TeamMember member) {}

  /** The offer was accepted, declined, expired or lost to a claim elsewhere: its direct message shows that. */
  default void offerClosed(Offer offer) {}

  /** {@code owner} has not answered {@code ticket} for {@code hours}: a direct message to them. */
  default void nudged(EmailThread ticket, TeamMember owner, int hours) {}

  /** {@code ticket} was taken from {@code previous} after {@code hours} without a reply: said beside its message. */
  default void released(EmailThread ticket, Owner previous, int hours) {}
}
