package io.claimdesk.core.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Contacts in {@code contacts}. Each phone number also gets a key document in {@code contact_phones} whose
 * {@code _id} is the number, so that the voice path looks a caller up by id on every server.
 */
public final class MongoContactStore implements ContactStore {
  private final MongoCollection<Document> contacts;
  private final MongoCollection<Document> phones;

  public MongoContactStore(MongoDatabase db) {
    this.contacts = db.getCollection("contacts");
    this.phones = db.getCollection("contact_phones");
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
    for (String phone : contact.phones()) {
      phones.replaceOne(eq("_id", phone), new Document("_id", phone).append("contactId", id),
          new ReplaceOptions().upsert(true));
    }
    return new Contact(id.toHexString(), contact.name(), emails, contact.phones(), contact.notes());
  }

  @Override
  public Optional<Contact> findByEmail(String email) {
    return Optional.ofNullable(contacts.find(eq("emails", email.trim().toLowerCase(Locale.ROOT))).first())
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
