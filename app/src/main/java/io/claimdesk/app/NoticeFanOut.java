package io.claimdesk.app;

import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assignment policy's notices to every configured chat tool. Filled after the policy is made, since each
 * tool's buttons answer to the policy; a tool that throws does not keep the others from hearing.
 */
final class NoticeFanOut implements AssignmentNotices {
  private static final Logger log = LoggerFactory.getLogger(NoticeFanOut.class);
  private final List<AssignmentNotices> tools = new CopyOnWriteArrayList<>();

  void add(AssignmentNotices tool) {
    tools.add(tool);
  }

  @Override
  public void offered(Offer offer, EmailThread ticket, TeamMember member) {
    each(t -> t.offered(offer, ticket, member));
  }

  @Override
  public void offerClosed(Offer offer) {
    each(t -> t.offerClosed(offer));
  }

  @Override
  public void nudged(EmailThread ticket, TeamMember owner, int hours) {
    each(t -> t.nudged(ticket, owner, hours));
  }

  @Override
  public void released(EmailThread ticket, Owner previous, int hours) {
    each(t -> t.released(ticket, previous, hours));
  }

  private void each(Consumer<AssignmentNotices> notice) {
    for (AssignmentNotices tool : tools) {
      try {
        notice.accept(tool);
      } catch (RuntimeException e) {
        log.warn("an assignment notice could not be queued: {}", e.toString());
      }
    }
  }
}
