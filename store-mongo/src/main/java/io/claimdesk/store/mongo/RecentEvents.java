package io.claimdesk.store.mongo;

import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.ticket.TicketStore;
import java.util.List;
import org.bson.Document;

/** The latest events of a ticket, kept in its own document ({@code recentEvents}), newest last. */
final class RecentEvents {
  private RecentEvents() {}

  /** The {@code $push} that records an event and drops the oldest beyond {@link TicketStore#RECENT_EVENTS}. */
  static Document push(TicketEvent event) {
    return new Document("recentEvents", new Document("$each", List.of(document(event)))
        .append("$slice", -TicketStore.RECENT_EVENTS));
  }

  static Document document(TicketEvent event) {
    return new Document("id", event.id())
        .append("type", event.type())
        .append("actorId", event.actorId())
        .append("actorEmail", event.actorEmail())
        .append("previousOwnerId", event.previousOwnerId())
        .append("previousOwnerEmail", event.previousOwnerEmail())
        .append("newOwnerId", event.newOwnerId())
        .append("newOwnerEmail", event.newOwnerEmail())
        .append("via", event.via())
        .append("at", Docs.date(event.at()));
  }

  /** The event back from its document; {@code version} is the ticket's current one, the exact one being unknown. */
  static TicketEvent event(Document doc, String threadId, long version) {
    return new TicketEvent(doc.getString("id"), doc.getString("type"), threadId, doc.getString("actorId"),
        doc.getString("actorEmail"), doc.getString("previousOwnerId"), doc.getString("previousOwnerEmail"),
        doc.getString("newOwnerId"), doc.getString("newOwnerEmail"), doc.getString("via"), version,
        Docs.instant(doc, "at"));
  }
}
