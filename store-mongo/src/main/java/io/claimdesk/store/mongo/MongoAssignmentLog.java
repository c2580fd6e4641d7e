package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.Via;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The assignment history in {@code assignment_events}. */
final class MongoAssignmentLog implements AssignmentLog {
  private final MongoCollection<Document> events;

  public MongoAssignmentLog(MongoDatabase db) {
    this.events = db.getCollection("assignment_events");
  }

  void createIndexes() {
    events.createIndex(Indexes.ascending("threadId", "at"), new IndexOptions().name("thread_history"));
  }

  @Override
  public void appendAll(List<AssignmentEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Document> docs = new ArrayList<>(batch.size());
    for (AssignmentEvent event : batch) {
      docs.add(new Document("_id", new ObjectId(event.id()))
          .append("threadId", new ObjectId(event.threadId()))
          .append("action", event.action().value())
          .append("actorId", event.actorId())
          .append("actorEmail", event.actorEmail())
          .append("previousOwnerId", event.previousOwnerId())
          .append("previousOwnerEmail", event.previousOwnerEmail())
          .append("newOwnerId", event.newOwnerId())
          .append("newOwnerEmail", event.newOwnerEmail())
          .append("via", event.via().value())
          .append("at", Docs.date(event.at())));
    }
    // already relayed before a restart: the event id is the key, so the history holds it once
    Collections.insertWhereFree(events, docs);
  }

  @Override
  public List<AssignmentEvent> history(String threadId) {
    List<AssignmentEvent> result = new ArrayList<>();
    Ids.parse(threadId).ifPresent(id -> events.find(eq("threadId", id)).sort(Sorts.ascending("at", "_id"))
        .forEach(doc -> result.add(event(doc))));
    return result;
  }

  @Override
  public List<AssignmentEvent> since(Instant from) {
    List<AssignmentEvent> result = new ArrayList<>();
    events.find(gte("at", Date.from(from))).sort(Sorts.ascending("at", "_id")).forEach(doc -> result.add(event(doc)));
    return result;
  }

  @Override
  public long count(String threadId, AssignmentAction action) {
    return Ids.parse(threadId)
        .map(id -> events.countDocuments(and(eq("threadId", id), eq("action", action.value()))))
        .orElse(0L);
  }

  private static AssignmentEvent event(Document doc) {
    return new AssignmentEvent(
        Ids.hex(doc.get("_id")),
        Ids.hex(doc.get("threadId")),
        AssignmentAction.of(doc.getString("action")),
        doc.getString("actorId"),
        doc.getString("actorEmail"),
        doc.getString("previousOwnerId"),
        doc.getString("previousOwnerEmail"),
        doc.getString("newOwnerId"),
        doc.getString("newOwnerEmail"),
        Via.of(doc.getString("via")),
        Docs.instant(doc, "at"));
  }
}
