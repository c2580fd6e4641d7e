package io.claimdesk.core.event;

import java.time.Instant;
import java.util.List;

/**
 * Where ticket events are first recorded, by the same update that makes their change; the relay's sweep reads
 * them back from here. The ticket store is one: declared here so that the relay needs no ticket package.
 */
public interface RecordedEvents {

  /** The events recorded at or after {@code from} and before {@code to}. */
  List<TicketEvent> recentEvents(Instant from, Instant to);
}
