package io.claimdesk.core.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.event.OutboxEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in {@code outbox}, numbered by a counter document in {@code counters}. Events are read by
 * {@code _id} alone, which every server answers from the primary index; no change streams, sessions or
 * transactions are needed, so it works on the embedded server and on a standalone MongoDB alike.
 */
public final class MongoEventOutbox implements EventOutbox {
  private static final String COUNTER = "outbox";
  private static final int MAX_ATTEMPTS = 5;
  private static final Logger log = LoggerFactory.getLogger(MongoEventOutbox.class);

  private final MongoCollection<Document> events;
  private final MongoCollection<Document> counters;

  public MongoEventOutbox(MongoDatabase db) {
    this.events = db.getCollection("outbox");
    this.counters = db.getCollection("counters");
  }

  /** Creates the counter up front, so that appenders never race to upsert it. */
  void createCounter() {
    counters.updateOne(eq("_id", COUNTER), Updates.setOnInsert("seq", 0L), new UpdateOptions().upsert(true));
  }

  @Override
  public OutboxEvent append(String type, String threadId, String actorId, String via, long version, Instant at) {
    for (int attempt = 1; ; attempt++) {
      // "before" plus one: the embedded server returns its live document for "after", which a concurrent
      // increment can change before it is sent, so two writers could see the same number.
      Document before = counters.findOneAndUpdate(eq("_id", COUNTER), Updates.inc("seq", 1L),
          new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
      if (before == null) {
        throw new IllegalStateException("the outbox counter is missing; MongoStores.open creates it");
      }
      long seq = Docs.longValue(before, "seq") + 1;
      OutboxEvent event = new OutboxEvent(seq, type, threadId, actorId, via, version, at);
      try {
        events.insertOne(new Document("_id", event.seq())
            .append("type", type)
            .append("threadId", threadId)
            .append("actorId", actorId)
            .append("via", via)
            .append("version", version)
            .append("at", Docs.date(at)));
        return event;
      } catch (MongoWriteException e) {
        // A number already taken (a counter restored from an older backup, say): leave it, take the next.
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        log.warn("outbox number {} was already taken; taking the next one", event.seq());
      }
    }
  }

  @Override
  public List<OutboxEvent> readAfter(long after, int limit) {
    List<Long> ids = new ArrayList<>(limit);
    for (long seq = after + 1; seq <= after + limit; seq++) {
      ids.add(seq);
    }
    List<OutboxEvent> result = new ArrayList<>();
    events.find(in("_id", ids)).sort(Sorts.ascending("_id")).forEach(doc -> result.add(new OutboxEvent(
        Docs.longValue(doc, "_id"),
        doc.getString("type"),
        doc.getString("threadId"),
        doc.getString("actorId"),
        doc.getString("via"),
        Docs.longValue(doc, "version"),
        Docs.instant(doc, "at"))));
    return result;
  }

  @Override
  public long head() {
    Document counter = counters.find(eq("_id", COUNTER)).first();
    return counter == null ? 0L : Docs.longValue(counter, "seq");
  }
}
