package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in {@code outbox}, numbered by a counter document in {@code counters}. Events are read by
 * {@code _id} alone, which every server answers from the primary index; no change streams, sessions or
 * transactions are needed, so it works on the embedded server and on a standalone MongoDB alike.
 */
final class MongoEventOutbox implements EventOutbox {
  private static final String COUNTER = "outbox";
  private static final String CONSUMER = "outbox-consumer:";
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

  void createIndexes() {
    events.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true).name("eventId"));
  }

  @Override
  public void appendAll(List<TicketEvent> batch) {
    List<TicketEvent> remaining = batch;
    for (int attempt = 1; !remaining.isEmpty(); attempt++) {
      // "before" plus one: the embedded server returns its live document for "after", which a concurrent
      // increment can change before it is sent, so two writers could see the same number.
      // unjournaled: events lost with a crash are relayed again by the sweep at the next start
      Document before = counters.findOneAndUpdate(eq("_id", COUNTER),
          Updates.inc("seq", (long) remaining.size()),
          new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
      if (before == null) {
        throw new IllegalStateException("the outbox counter is missing; MongoStores.open creates it");
      }
      long base = Docs.longValue(before, "seq");
      List<Document> docs = new ArrayList<>(remaining.size());
      for (int i = 0; i < remaining.size(); i++) {
        docs.add(document(base + 1 + i, remaining.get(i)));
      }
      try {
        events.insertMany(docs, new InsertManyOptions().ordered(false));
        return;
      } catch (MongoBulkWriteException e) {
        if (e.getWriteErrors().stream().anyMatch(err -> err.getCategory() != ErrorCategory.DUPLICATE_KEY)
            || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        // Events already in the outbox are done. A number taken twice (a counter restored from an older backup)
        // left its event out: those go again under new numbers.
        remaining = notYetAppended(remaining);
        if (!remaining.isEmpty()) {
          log.warn("{} outbox events collided with existing numbers; appending them again", remaining.size());
        }
      }
    }
  }

  private List<TicketEvent> notYetAppended(List<TicketEvent> candidates) {
    Set<String> present = existing(candidates.stream().map(TicketEvent::id).toList());
    return candidates.stream().filter(e -> !present.contains(e.id())).toList();
  }

  @Override
  public long position(String consumer) {
    Document saved = counters.find(eq("_id", CONSUMER + consumer)).first();
    return saved == null ? 0L : Docs.longValue(saved, "position");
  }

  @Override
  public void savePosition(String consumer, long seq) {
    counters.updateOne(eq("_id", CONSUMER + consumer), Updates.max("position", seq), new UpdateOptions().upsert(true));
  }

  @Override
  public Set<String> existing(Collection<String> eventIds) {
    Set<String> present = new HashSet<>();
    events.find(in("eventId", eventIds)).projection(new Document("eventId", 1))
        .forEach(doc -> present.add(doc.getString("eventId")));
    return present;
  }

  @Override
  public Optional<Instant> sweptUntil() {
    Document counter = counters.find(eq("_id", COUNTER)).first();
    return Optional.ofNullable(counter == null ? null : Docs.instant(counter, "sweptUntil"));
  }

  @Override
  public void sweptUntil(Instant until) {
    counters.updateOne(eq("_id", COUNTER), Updates.max("sweptUntil", Docs.date(until)));
  }

  private static Document document(long seq, TicketEvent event) {
    return new Document("_id", seq)
        .append("eventId", event.id())
        .append("type", event.type())
        .append("threadId", event.threadId())
        .append("actorId", event.actorId())
        .append("via", event.via())
        .append("version", event.version())
        .append("at", Docs.date(event.at()));
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
        doc.getString("eventId"),
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
