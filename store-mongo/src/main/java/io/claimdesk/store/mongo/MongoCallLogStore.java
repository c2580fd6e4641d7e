package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.voice.CallLog;
import io.claimdesk.core.voice.CallLogStore;
import io.claimdesk.core.voice.CallQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Call logs in {@code call_logs}, one document per call with the CallSid as {@code _id}, so a retried webhook finds
 * its call by id; each write is a conditional update that a repeat leaves unchanged. When each member last
 * answered is kept apart, in {@code call_agents} by member id, so that ordering members by idle time reads one key
 * per member instead of the call history.
 */
final class MongoCallLogStore implements CallLogStore {
  private final MongoCollection<Document> calls;
  private final MongoCollection<Document> agents;

  MongoCallLogStore(MongoDatabase db) {
    this.calls = db.getCollection("call_logs");
    this.agents = db.getCollection("call_agents");
  }

  void createIndexes() {
    calls.createIndex(Indexes.descending("startedAt"), new IndexOptions().name("startedAt"));
    calls.createIndex(Indexes.compoundIndex(Indexes.ascending("rung"), Indexes.descending("startedAt")),
        new IndexOptions().name("rung_startedAt"));
    calls.createIndex(Indexes.compoundIndex(Indexes.ascending("contactId"), Indexes.descending("startedAt")),
        new IndexOptions().name("contactId_startedAt"));
  }

  @Override
  public CallLog start(String callSid, String from, String to, String contactId, Instant at, List<String> firstStep) {
    List<String> rung = List.copyOf(new java.util.LinkedHashSet<>(firstStep));
    Document doc = new Document("_id", callSid).append("from", from).append("to", to).append("contactId", contactId)
        .append("steps", firstStep.isEmpty() ? List.of() : List.of(firstStep))
        .append("stepCount", firstStep.isEmpty() ? 0 : 1).append("rung", rung)
        .append("answeredBy", null).append("status", "ringing").append("startedAt", Docs.date(at))
        .append("notes", List.of()).append("recordingUrl", null);
    if (Collections.insertWhereFree(calls, List.of(doc)).isEmpty()) {
      return call(doc);
    }
    return find(callSid).orElseThrow();
  }

  @Override
  public Optional<CallLog> find(String callSid) {
    return Optional.ofNullable(calls.find(eq("_id", callSid)).first()).map(MongoCallLogStore::call);
  }

  @Override
  public boolean addStep(String callSid, int index, List<String> memberIds) {
    return calls.updateOne(and(eq("_id", callSid), eq("stepCount", index)), Updates.combine(
        Updates.push("steps", memberIds), Updates.inc("stepCount", 1),
        Updates.addEachToSet("rung", memberIds))).getModifiedCount() == 1;
  }

  @Override
  public boolean answered(String callSid, String memberId, Instant at) {
    boolean first = calls.updateOne(and(eq("_id", callSid), eq("answeredBy", null)), Updates.combine(
        Updates.set("answeredBy", memberId), Updates.set("answeredAt", Docs.date(at)),
        Updates.set("status", "in-progress"))).getModifiedCount() == 1;
    if (first) {
      agents.replaceOne(eq("_id", memberId), new Document("_id", memberId).append("lastAnsweredAt", Docs.date(at)),
          new ReplaceOptions().upsert(true));
    }
    return first;
  }

  @Override
  public void status(String callSid, String status, Integer duration, Instant endedAt) {
    List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", status)));
    if (duration != null) {
      updates.add(Updates.set("duration", duration));
    }
    calls.updateOne(eq("_id", callSid), Updates.combine(updates));
    if (endedAt != null) {
      calls.updateOne(and(eq("_id", callSid), eq("endedAt", null)), Updates.set("endedAt", Docs.date(endedAt)));
    }
  }

  @Override
  public boolean recording(String callSid, String url, int seconds, String contactId) {
    return calls.updateOne(and(eq("_id", callSid), eq("recordingUrl", null)), Updates.combine(
        Updates.set("recordingUrl", url), Updates.set("recordingDuration", seconds),
        Updates.set("contactId", contactId), Updates.set("status", "voicemail"))).getModifiedCount() == 1;
  }

  @Override
  public void linkTicket(String callSid, String threadId) {
    calls.updateOne(eq("_id", callSid), Updates.set("threadId", threadId));
  }

  @Override
  public Optional<CallLog> addNote(String callSid, CallLog.Note note) {
    Document doc = new Document("authorId", note.authorId()).append("authorName", note.authorName())
        .append("body", note.body()).append("at", Docs.date(note.at()));
    if (calls.updateOne(eq("_id", callSid), Updates.push("notes", doc)).getMatchedCount() == 0) {
      return Optional.empty();
    }
    return find(callSid);
  }

  @Override
  public List<CallLog> list(CallQuery query) {
    List<Bson> filters = new ArrayList<>();
    if (query.memberId() != null) {
      filters.add(eq("rung", query.memberId()));
    }
    if (query.contactId() != null) {
      filters.add(eq("contactId", query.contactId()));
    }
    if (query.from() != null) {
      filters.add(gte("startedAt", Docs.date(query.from())));
    }
    if (query.to() != null) {
      filters.add(lt("startedAt", Docs.date(query.to())));
    }
    Bson filter = filters.isEmpty() ? new Document() : and(filters);
    List<CallLog> result = new ArrayList<>();
    calls.find(filter).sort(Sorts.descending("startedAt")).limit(query.limit()).forEach(d -> result.add(call(d)));
    return result;
  }

  @Override
  public List<CallLog> forContact(String contactId, int limit) {
    return list(new CallQuery(null, contactId, null, null, limit));
  }

  @Override
  public Map<String, Instant> lastAnswered(Collection<String> memberIds) {
    Map<String, Instant> result = new HashMap<>();
    if (memberIds.isEmpty()) {
      return result;
    }
    agents.find(in("_id", memberIds)).forEach(d -> result.put(d.getString("_id"), Docs.instant(d, "lastAnsweredAt")));
    return result;
  }

  private static CallLog call(Document doc) {
    List<List<String>> steps = new ArrayList<>();
    for (Object step : doc.getList("steps", Object.class, List.of())) {
      List<String> ids = new ArrayList<>();
      if (step instanceof List<?> list) {
        list.forEach(id -> ids.add(String.valueOf(id)));
      }
      steps.add(ids);
    }
    List<CallLog.Note> notes = new ArrayList<>();
    for (Document n : doc.getList("notes", Document.class, List.of())) {
      notes.add(new CallLog.Note(n.getString("authorId"), n.getString("authorName"), n.getString("body"),
          Docs.instant(n, "at")));
    }
    Object duration = doc.get("duration");
    Object recordingDuration = doc.get("recordingDuration");
    return new CallLog(doc.getString("_id"), doc.getString("from"), doc.getString("to"), doc.getString("contactId"),
        steps, doc.getString("answeredBy"), doc.getString("status"),
        duration instanceof Number n ? n.intValue() : null, Docs.instant(doc, "startedAt"),
        Docs.instant(doc, "answeredAt"), Docs.instant(doc, "endedAt"), notes, doc.getString("recordingUrl"),
        recordingDuration instanceof Number n ? n.intValue() : null, doc.getString("threadId"));
  }
}
