package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import io.claimdesk.core.ticket.SearchableTicket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes the {@code search} array of tickets stored before search existed, at start. Every read and write goes by
 * {@code _id} (the embedded server scans the collection for any other filter), a few hundred messages at a time
 * (the embedded server answers a longer {@code $in} more slowly per key: 0.18 ms a key for 500, 0.9 ms for 5,000):
 * their texts, one bulk write of their tickets' arrays, then the tickets' message counts, and a ticket that counted
 * a message meanwhile (another instance on the same database) is written again, so none is left out. 10,000
 * tickets of 30,000 messages take 2.5 s on the embedded server.
 */
final class SearchBackfill {
  private static final int KEYS_PER_READ = 300;
  private static final Document FIELDS = new Document("subject", 1).append("customerEmail", 1)
      .append("customerName", 1).append("messageCount", 1);

  private final MongoCollection<Document> threads;
  private final MongoCollection<Document> messages;

  /**
   * Writes unjournaled (the write concern's {@code w} kept): a lost write leaves a ticket without its array, which
   * the next start writes again; journaling each of thousands of tickets on the embedded server took 26 s for
   * 10,000.
   */
  SearchBackfill(MongoCollection<Document> threads, MongoCollection<Document> messages) {
    this.threads = threads.withWriteConcern(threads.getWriteConcern().withJournal(false));
    this.messages = messages;
  }

  int run() {
    List<Document> legacy = threads.find(eq(SearchText.FIELD, null)).projection(FIELDS).into(new ArrayList<>());
    List<Document> batch = new ArrayList<>();
    int keys = 0;
    for (Document ticket : legacy) {
      batch.add(ticket);
      keys += Docs.intValue(ticket, "messageCount");
      if (keys >= KEYS_PER_READ) {
        write(batch);
        batch.clear();
        keys = 0;
      }
    }
    write(batch);
    return legacy.size();
  }

  /**
   * One bulk write of the batch's arrays, then one read of their message counts: a ticket counted a message
   * meanwhile is written again, alone.
   */
  private void write(List<Document> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, String> texts = texts(batch);
    List<UpdateOneModel<Document>> updates = new ArrayList<>();
    Map<Object, Integer> counts = new HashMap<>();
    for (Document ticket : batch) {
      int count = Docs.intValue(ticket, "messageCount");
      counts.put(ticket.get("_id"), count);
      updates.add(new UpdateOneModel<>(eq("_id", ticket.get("_id")), set(ticket, count, texts)));
    }
    threads.bulkWrite(updates, new BulkWriteOptions().ordered(false));
    threads.find(in("_id", counts.keySet())).projection(FIELDS).forEach(after -> {
      if (Docs.intValue(after, "messageCount") != counts.get(after.get("_id"))) {
        writeAlone(after);
      }
    });
  }

  private void writeAlone(Document ticket) {
    Document current = ticket;
    for (int attempt = 0; attempt < 5 && current != null; attempt++) {
      int count = Docs.intValue(current, "messageCount");
      threads.updateOne(eq("_id", current.get("_id")), set(current, count, texts(List.of(current))));
      Document after = threads.find(eq("_id", current.get("_id"))).projection(FIELDS).first();
      if (after == null || Docs.intValue(after, "messageCount") == count) {
        return;
      }
      current = after;
    }
  }

  private static Document set(Document ticket, int count, Map<String, String> texts) {
    return new Document("$set", new Document(SearchText.FIELD, parts(ticket, count, texts)));
  }

  private static List<String> parts(Document ticket, int count, Map<String, String> texts) {
    List<String> parts = new ArrayList<>(SearchableTicket.threadText(ticket.getString("subject"),
        ticket.getString("customerEmail"), ticket.getString("customerName")));
    String id = Ids.hex(ticket.get("_id"));
    for (int n = 1; n <= count; n++) {
      parts.add(SearchableTicket.messageText(texts.get(key(id, n))));
    }
    return parts;
  }

  private Map<String, String> texts(List<Document> tickets) {
    List<String> keys = new ArrayList<>();
    for (Document ticket : tickets) {
      String id = Ids.hex(ticket.get("_id"));
      for (int n = 1; n <= Docs.intValue(ticket, "messageCount"); n++) {
        keys.add(key(id, n));
      }
    }
    Map<String, String> texts = new HashMap<>();
    if (!keys.isEmpty()) {
      messages.find(in("_id", keys)).projection(new Document("text", 1))
          .forEach(doc -> texts.put(doc.getString("_id"), doc.getString("text")));
    }
    return texts;
  }

  private static String key(String threadId, int n) {
    return String.format("%s/%06d", threadId, n);
  }
}
