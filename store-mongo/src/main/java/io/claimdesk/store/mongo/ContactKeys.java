package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One key collection of contacts ({@code contact_emails} or {@code contact_phones}): a document per address or
 * number whose {@code _id} is the value and whose {@code contactId} is the contact holding it. The unique
 * {@code _id} is what makes a value belong to one contact.
 */
final class ContactKeys {
  /** How old a key without its contact must be before it counts as left behind by a crash. */
  private static final Duration ORPHAN_AGE = Duration.ofMinutes(1);

  private final MongoCollection<Document> keys;
  private final MongoCollection<Document> contacts;

  ContactKeys(MongoCollection<Document> keys, MongoCollection<Document> contacts) {
    this.keys = keys;
    this.contacts = contacts;
  }

  /**
   * Gives {@code values} to the contact {@code id}: null when all are now its, else the first value another contact
   * holds, and then none of the values claimed here is kept. A key whose contact has not existed for a minute (a crash
   * between the key and its contact) is taken over.
   */
  String claim(Collection<String> values, Object id) {
    List<String> ordered = List.copyOf(values);
    List<Document> docs = ordered.stream().map(v -> new Document("_id", v).append("contactId", id)).toList();
    Set<Integer> taken = Collections.insertWhereFree(keys, docs);
    List<String> claimed = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      if (!taken.contains(i)) {
        claimed.add(ordered.get(i));
      }
    }
    for (int i : taken.stream().sorted().toList()) {
      String value = ordered.get(i);
      Document holder = keys.find(eq("_id", value)).first();
      Object holderId = holder == null ? null : holder.get("contactId");
      if (id.equals(holderId)) {
        continue;
      }
      if (takeOver(value, holder, id)) {
        claimed.add(value);
        continue;
      }
      release(claimed, id);
      return value;
    }
    return null;
  }

  /** Takes the key of {@code value} when it has no contact (or went away meanwhile); false when a contact holds it. */
  private boolean takeOver(String value, Document holder, Object id) {
    Document mine = new Document("_id", value).append("contactId", id);
    if (holder == null) {
      return Collections.insertWhereFree(keys, List.of(mine)).isEmpty();
    }
    Object holderId = holder.get("contactId");
    // a key drawn moments ago may be a contact being created right now (here or by a sender's first mail)
    boolean settled = holderId instanceof ObjectId drawn
        && drawn.getDate().toInstant().isBefore(Instant.now().minus(ORPHAN_AGE));
    if (!settled || contacts.find(eq("_id", holderId)).first() != null) {
      return false;
    }
    return keys.replaceOne(and(eq("_id", value), eq("contactId", holderId)), mine).getMatchedCount() == 1;
  }

  /** Drops the keys of {@code values} that the contact {@code id} holds. */
  void release(Collection<String> values, Object id) {
    if (!values.isEmpty()) {
      keys.deleteMany(and(in("_id", values), eq("contactId", id)));
    }
  }
}
