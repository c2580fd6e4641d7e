package io.claimdesk.app;

import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.ticket.TicketActivity;
import io.claimdesk.core.ticket.TicketStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Watches the ticket events this instance publishes: counts owner changes by action and {@code via}, times the
 * first claim and the first reply from the ticket's arrival (histograms), and logs one line per event with the
 * ticket, the member and {@code via} (as MDC fields too, for LOG_FORMAT=json).
 */
final class TicketMetrics implements Consumer<TicketEvent> {
  private static final Logger log = LoggerFactory.getLogger(TicketMetrics.class);
  /** A first claim or reply is this event's when the ticket's recorded time is this close to the event's. */
  private static final Duration SAME_MOMENT = Duration.ofSeconds(5);
  private static final Duration[] BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
      Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24), Duration.ofDays(3)};

  private final TicketStore tickets;
  private final MeterRegistry registry;
  private final Timer timeToClaim;
  private final Timer timeToReply;

  TicketMetrics(TicketStore tickets, MeterRegistry registry) {
    this.tickets = tickets;
    this.registry = registry;
    this.timeToClaim = Timer.builder("claimdesk.time.to.first.claim")
        .description("From a ticket's arrival to its first claim").serviceLevelObjectives(BUCKETS)
        .register(registry);
    this.timeToReply = Timer.builder("claimdesk.time.to.first.reply")
        .description("From a ticket's arrival to the team's first reply").serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  @Override
  public void accept(TicketEvent event) {
    try (MDC.MDCCloseable ticket = MDC.putCloseable("ticket", event.threadId());
        MDC.MDCCloseable member = MDC.putCloseable("member", event.actorId());
        MDC.MDCCloseable via = MDC.putCloseable("via", event.via())) {
      log.info("{} ticket={} member={} via={}{}", event.type(), event.threadId(), event.actorId(), event.via(),
          event.changesOwner() ? " owner=" + event.newOwnerId() : "");
    }
    if (event.changesOwner()) {
      Counter.builder("claimdesk.owner.changes").description("Claims, unclaims and reassignments")
          .tag("action", event.type()).tag("via", event.via() == null ? "none" : event.via())
          .register(registry).increment();
    }
    if (event.type().equals(OutboxEvent.CLAIMED) || event.type().equals(OutboxEvent.AUTO_CLAIMED)) {
      activity(event).filter(a -> near(a.firstClaimedAt(), event.at()))
          .ifPresent(a -> timeToClaim.record(Duration.between(a.receivedAt(), a.firstClaimedAt())));
    } else if (event.type().equals(OutboxEvent.MESSAGE_ADDED) && event.actorId() != null) {
      // a message added by a member is a reply; the first reply's time is recorded on the ticket
      activity(event).filter(a -> near(a.firstReplyAt(), event.at()))
          .ifPresent(a -> timeToReply.record(Duration.between(a.receivedAt(), a.firstReplyAt())));
    }
  }

  private Optional<TicketActivity> activity(TicketEvent event) {
    return tickets.activityOf(event.threadId()).filter(a -> a.receivedAt() != null);
  }

  private static boolean near(Instant recorded, Instant at) {
    return recorded != null && Duration.between(recorded, at).abs().compareTo(SAME_MOMENT) <= 0;
  }
}
