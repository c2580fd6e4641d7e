package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Contacts in {@code contacts}. Each phone number and email address also gets a key document
 * ({@code contact_phones}, {@code contact_emails}) whose {@code _id} is the number or address, so that callers and
 * senders are looked up by id on every server, and two mails from a new sender make one contact.
 */
final class MongoContactStore implements ContactStore {
  private final MongoCollection<Document> contacts;
  private final MongoCollection<Document> phones;
  private final MongoCollection<Document> emailKeys;

  public MongoContactStore(MongoDatabase db) {
    this.contacts = db.getCollection("contacts");
    this.phones = db.getCollection("contact_phones");
    this.emailKeys = db.getCollection("contact_emails");
  }

  void createIndexes() {
    contacts.createIndex(Indexes.ascending("emails"), new IndexOptions().name("emails"));
  }

  @Override
  public Contact insert(Contact contact) {
    ObjectId id = new ObjectId();
    List<String> emails = contact.emails().stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
    contacts.insertOne(new Document("_id", id)
        .append("name", contact.name())
        .append("emails", emails)
        .append("phones", contact.phones())
        .append("notes", contact.notes()));
    for (String email : emails) {
      emailKeys.replaceOne(eq("_id", email), new Document("_id", email).append("contactId", id),
          new ReplaceOptions().upsert(true));
    }
    for (String phone : contact.phones()) {
      phones.replaceOne(eq("_id", phone), new Document("_id", phone).append("contactId", id),
          new ReplaceOptions().upsert(true));
    }
    return new Contact(id.toHexString(), contact.name(), emails, contact.phones(), contact.notes());
  }

  @Override
  public Contact recordSender(String email, String name) {
    return recordSenders(List.of(new Sender(email, name))).get(0);
  }

  @Override
  public List<Contact> recordSenders(List<Sender> senders) {
    Map<String, String> names = new LinkedHashMap<>(); // by address: the first name that is not blank
    for (Sender sender : senders) {
      String name = sender.name() == null || sender.name().isBlank() ? null : sender.name();
      names.merge(sender.email().trim().toLowerCase(Locale.ROOT), Optional.ofNullable(name).orElse(""),
          (first, next) -> first.isEmpty() ? next : first);
    }
    List<String> addresses = List.copyOf(names.keySet());
    Map<String, Object> contactIds = keys(addresses);
    Map<Object, Document> docs = new HashMap<>();
    List<String> fresh = addresses.stream().filter(a -> !contactIds.containsKey(a)).toList();
    if (!fresh.isEmpty()) {
      // the keys first: of two senders racing, one key wins and both use its contact
      List<Document> keys = fresh.stream().map(a -> new Document("_id", a).append("contactId", new ObjectId()))
          .toList();
      Set<Integer> taken = Collections.insertWhereFree(Journal.writes(emailKeys), keys);
      List<Document> created = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (!taken.contains(i)) {
          Object id = keys.get(i).get("contactId");
          contactIds.put(fresh.get(i), id);
          created.add(newContact(id, fresh.get(i), names.get(fresh.get(i))));
        }
      }
      if (!created.isEmpty()) {
        Journal.writes(contacts).insertMany(created);
      }
      created.forEach(doc -> docs.put(doc.get("_id"), doc));
      contactIds.putAll(keys(taken.stream().map(fresh::get).toList()));
    }
    List<Object> known = contactIds.values().stream().filter(id -> !docs.containsKey(id)).distinct().toList();
    Collections.findByIds(contacts, known, doc -> docs.put(doc.get("_id"), doc));
    List<WriteModel<Document>> changes = new ArrayList<>();
    for (String address : addresses) {
      Object id = contactIds.get(address);
      String name = names.get(address).isEmpty() ? null : names.get(address);
      Document doc = docs.get(id);
      if (doc == null) { // a crash came between the key and its contact
        doc = newContact(id, address, name);
        changes.add(new ReplaceOneModel<>(eq("_id", id), doc, new ReplaceOptions().upsert(true)));
        docs.put(id, doc);
      } else if ((doc.getString("name") == null || doc.getString("name").isBlank()) && name != null) {
        changes.add(new UpdateOneModel<>(eq("_id", id), Updates.set("name", name)));
        doc.put("name", name);
      }
    }
    if (!changes.isEmpty()) {
      Journal.writes(contacts).bulkWrite(changes);
    }
    return addresses.stream().map(a -> contact(docs.get(contactIds.get(a)))).toList();
  }

  /** The contact ids of the keys of these addresses that exist, by address. */
  private Map<String, Object> keys(List<String> addresses) {
    Map<String, Object> contactIds = new HashMap<>();
    Collections.findByIds(emailKeys, addresses, key -> contactIds.put(key.getString("_id"), key.get("contactId")));
    return contactIds;
  }

  private static Document newContact(Object id, String address, String name) {
    return new Document("_id", id).append("name", name).append("emails", List.of(address))
        .append("phones", List.of()).append("notes", null);
  }

  @Override
  public Optional<Contact> findByEmail(String email) {
    return Optional.ofNullable(emailKeys.find(eq("_id", email.trim().toLowerCase(Locale.ROOT))).first())
        .map(key -> contacts.find(eq("_id", key.get("contactId"))).first())
        .map(MongoContactStore::contact);
  }

  @Override
  public Optional<Contact> findByPhone(String e164) {
    return Optional.ofNullable(phones.find(eq("_id", e164)).first())
        .map(key -> contacts.find(eq("_id", key.get("contactId"))).first())
        .map(MongoContactStore::contact);
  }

  @Override
  public long count() {
    return contacts.countDocuments();
  }

  private static Contact contact(Document doc) {
    return new Contact(Ids.hex(doc.get("_id")), doc.getString("name"), Docs.strings(doc, "emails"),
        Docs.strings(doc, "phones"), doc.getString("notes"));
  }
}
