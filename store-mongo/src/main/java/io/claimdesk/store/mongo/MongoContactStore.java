package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.contact.ContactUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
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
  private final ContactKeys emailIndex;
  private final ContactKeys phoneIndex;

  public MongoContactStore(MongoDatabase db) {
    this.contacts = db.getCollection("contacts");
    this.phones = db.getCollection("contact_phones");
    this.emailKeys = db.getCollection("contact_emails");
    this.emailIndex = new ContactKeys(emailKeys, contacts);
    this.phoneIndex = new ContactKeys(phones, contacts);
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

  /**
   * The address's key first, then its contact: of two senders racing, one key wins and both use its contact, and a
   * crash between the two writes leaves a key whose contact the next mail from that address creates.
   */
  @Override
  public Contact recordSender(String email, String name) {
    String address = email.trim().toLowerCase(Locale.ROOT);
    String given = name == null || name.isBlank() ? null : name;
    Document key = emailKeys.find(eq("_id", address)).first();
    boolean fresh = false;
    if (key == null) {
      Document drawn = new Document("_id", address).append("contactId", new ObjectId());
      fresh = Collections.insertWhereFree(emailKeys, List.of(drawn)).isEmpty();
      key = fresh ? drawn : emailKeys.find(eq("_id", address)).first();
    }
    Object id = key.get("contactId");
    Document doc = fresh ? null : contacts.find(eq("_id", id)).first(); // a key just drawn has no contact yet
    if (doc == null) {
      doc = newContact(id, address, given);
      contacts.replaceOne(eq("_id", id), doc, new ReplaceOptions().upsert(true));
    } else if ((doc.getString("name") == null || doc.getString("name").isBlank()) && given != null) {
      contacts.updateOne(eq("_id", id), Updates.set("name", given));
      doc.put("name", given);
    }
    return contact(doc);
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

  /** The keys first, then the contact: a crash between leaves keys without a contact, which are taken over. */
  @Override
  public Outcome create(Contact contact) {
    ObjectId id = new ObjectId();
    List<String> emails = lower(contact.emails());
    String taken = emailIndex.claim(emails, id);
    if (taken == null) {
      taken = phoneIndex.claim(contact.phones(), id);
      if (taken != null) {
        emailIndex.release(emails, id);
      }
    }
    if (taken != null) {
      return new Outcome.Taken(taken);
    }
    Document doc = new Document("_id", id).append("name", contact.name()).append("emails", emails)
        .append("phones", contact.phones()).append("notes", contact.notes());
    contacts.insertOne(doc);
    return new Outcome.Saved(contact(doc));
  }

  /**
   * New keys first, then the contact, then the keys it no longer has: at every step each value the contact lists
   * has its key.
   */
  @Override
  public Outcome update(String contactId, ContactUpdate update) {
    Optional<ObjectId> id = Ids.parse(contactId);
    Document doc = id.map(i -> contacts.find(eq("_id", i)).first()).orElse(null);
    if (doc == null) {
      return new Outcome.NotFound();
    }
    List<String> oldEmails = Docs.strings(doc, "emails");
    List<String> oldPhones = Docs.strings(doc, "phones");
    List<String> emails = update.emails().map(MongoContactStore::lower).orElse(oldEmails);
    List<String> phoneList = update.phones().orElse(oldPhones);
    List<String> addedEmails = minus(emails, oldEmails);
    List<String> addedPhones = minus(phoneList, oldPhones);
    String taken = emailIndex.claim(addedEmails, id.get());
    if (taken == null) {
      taken = phoneIndex.claim(addedPhones, id.get());
      if (taken != null) {
        emailIndex.release(addedEmails, id.get());
      }
    }
    if (taken != null) {
      return new Outcome.Taken(taken);
    }
    List<Bson> changes = new ArrayList<>();
    update.name().ifPresent(name -> changes.add(Updates.set("name", name.isEmpty() ? null : name)));
    update.emails().ifPresent(e -> changes.add(Updates.set("emails", emails)));
    update.phones().ifPresent(p -> changes.add(Updates.set("phones", phoneList)));
    update.notes().ifPresent(notes -> changes.add(Updates.set("notes", notes)));
    if (!changes.isEmpty()) {
      contacts.updateOne(eq("_id", id.get()), Updates.combine(changes));
    }
    emailIndex.release(minus(oldEmails, emails), id.get());
    phoneIndex.release(minus(oldPhones, phoneList), id.get());
    return find(contactId).<Outcome>map(Outcome.Saved::new).orElseGet(Outcome.NotFound::new);
  }

  @Override
  public Optional<Contact> find(String contactId) {
    return Ids.parse(contactId).map(id -> contacts.find(eq("_id", id)).first()).map(MongoContactStore::contact);
  }

  /** The text is quoted, so that what a person types is never read as a regular expression. */
  @Override
  public List<Contact> search(String text, int limit) {
    var filter = text == null || text.isBlank() ? new Document() : or(
        regex("name", Pattern.quote(text.strip()), "i"), regex("emails", Pattern.quote(text.strip()), "i"));
    return contacts.find(filter).sort(Sorts.ascending("name", "_id")).limit(limit)
        .map(MongoContactStore::contact).into(new ArrayList<>());
  }

  private static List<String> lower(List<String> emails) {
    return new ArrayList<>(new LinkedHashSet<>(emails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList()));
  }

  private static List<String> minus(List<String> from, List<String> taken) {
    Set<String> drop = Set.copyOf(taken);
    return from.stream().filter(v -> !drop.contains(v)).toList();
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
