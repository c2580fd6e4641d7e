package io.claimdesk.core.ticket;

import java.time.Instant;

/**
 * The times of a ticket that workload figures are made of: when it arrived, was first claimed and first answered,
 * and when the customer last wrote and the team last replied. Any of them may be null (not happened yet, or
 * written before claimdesk recorded it).
 */
public record TicketActivity(
    String threadId,
    TicketStatus status,
    String ownerId,
    Instant receivedAt,
    Instant claimedAt,
    Instant firstClaimedAt,
    Instant firstReplyAt,
    Instant lastInboundAt,
    Instant lastReplyAt) {

  /** True when the customer's latest message has had no reply from the team yet. */
  public boolean awaitingReply() {
    if (lastReplyAt == null) {
      return true;
    }
    return lastInboundAt != null && lastInboundAt.isAfter(lastReplyAt);
  }
}
