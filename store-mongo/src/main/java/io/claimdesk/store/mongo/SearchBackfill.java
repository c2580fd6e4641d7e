package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.claimdesk.core.ticket.SearchableTicket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes the {@code search} array of tickets stored before search existed, at start. Every read and write goes by
 * {@code _id} (the embedded server scans the collection for any other filter): the tickets' messages a few thousand
 * at a time, then each ticket's array, checked against its message count afterwards and written again when a
 * message arrived meanwhile (another instance on the same database), so none is left out.
 */
final class SearchBackfill {
  private static final int KEYS_PER_READ = 5_000;
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

  private void write(List<Document> batch) {
    Map<String, String> texts = texts(batch);
    for (Document ticket : batch) {
      Document current = ticket;
      for (int attempt = 0; attempt < 5 && current != null; attempt++) {
        int count = Docs.intValue(current, "messageCount");
        if (attempt > 0) {
          texts.putAll(texts(List.of(current)));
        }
        threads.updateOne(eq("_id", current.get("_id")), new Document("$set",
            new Document(SearchText.FIELD, parts(current, count, texts))));
        Document after = threads.find(eq("_id", current.get("_id"))).projection(FIELDS).first();
        if (after == null || Docs.intValue(after, "messageCount") == count) {
          break;
        }
        current = after; // a message counted meanwhile: its push went to the array just replaced
      }
    }
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
