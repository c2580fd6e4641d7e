package io.claimdesk.core.contact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Contacts as people edit them: phone numbers normalised to E.164, email addresses checked and lower-cased, and
 * each address or number held by one contact only.
 */
public final class ContactService {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");
  private static final int MAX_EMAIL = 254;
  static final int MAX_NAME = 200;
  static final int MAX_NOTES = 10_000;
  /** Most entries of one list: a contact is a person, not a mailing list. */
  static final int MAX_ENTRIES = 50;

  private final ContactStore store;

  public ContactService(ContactStore store) {
    this.store = store;
  }

  /** What an edit came to: the contact, or why not. */
  public sealed interface Result {
    record Saved(Contact contact) implements Result {}

    record NotFound() implements Result {}

    /** Bad input, with the message to show. */
    record Invalid(String message) implements Result {}

    /** An address or number another contact holds, with the message to show. */
    record Taken(String message) implements Result {}
  }

  /** Creates a contact from what a person typed. */
  public Result create(String name, List<String> emails, List<String> phones, String notes) {
    ContactUpdate checked;
    try {
      checked = normalise(new ContactUpdate(Optional.ofNullable(name), Optional.ofNullable(emails),
          Optional.ofNullable(phones), Optional.ofNullable(notes)));
    } catch (IllegalArgumentException e) {
      return new Result.Invalid(e.getMessage());
    }
    Contact contact = new Contact(null, checked.name().filter(n -> !n.isEmpty()).orElse(null), checked.emails().orElse(List.of()),
        checked.phones().orElse(List.of()), checked.notes().orElse(null));
    return result(store.create(contact));
  }

  /** Changes the fields present in {@code update}, as typed by a person. */
  public Result update(String contactId, ContactUpdate update) {
    ContactUpdate checked;
    try {
      checked = normalise(update);
    } catch (IllegalArgumentException e) {
      return new Result.Invalid(e.getMessage());
    }
    return result(store.update(contactId, checked));
  }

  public Optional<Contact> find(String contactId) {
    return store.find(contactId);
  }

  /** The contact holding this E.164 number (see {@link PhoneNumbers#e164}), if any. */
  public Optional<Contact> findByPhone(String e164) {
    return store.findByPhone(e164);
  }

  /** The contact holding this email address (case-insensitive), if any. */
  public Optional<Contact> findByEmail(String email) {
    return store.findByEmail(email);
  }

  public List<Contact> search(String text, int limit) {
    return store.search(text == null ? "" : text.strip(), limit);
  }

  private static Result result(ContactStore.Outcome outcome) {
    if (outcome instanceof ContactStore.Outcome.Saved saved) {
      return new Result.Saved(saved.contact());
    }
    if (outcome instanceof ContactStore.Outcome.Taken taken) {
      return new Result.Taken(taken.value() + " belongs to another contact");
    }
    return new Result.NotFound();
  }

  private static ContactUpdate normalise(ContactUpdate update) {
    if (update.name().map(String::length).orElse(0) > MAX_NAME) {
      throw new IllegalArgumentException("Name must be at most " + MAX_NAME + " characters");
    }
    if (update.notes().map(String::length).orElse(0) > MAX_NOTES) {
      throw new IllegalArgumentException("Notes must be at most " + MAX_NOTES + " characters");
    }
    return new ContactUpdate(update.name().map(String::strip), update.emails().map(ContactService::emails), update.phones().map(ContactService::phones),
        update.notes());
  }

  private static List<String> emails(List<String> given) {
    limit(given, "emails");
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String email : given) {
      String value = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
      if (value.length() > MAX_EMAIL || !EMAIL.matcher(value).matches()) {
        throw new IllegalArgumentException("Invalid email address: " + email);
      }
      out.add(value);
    }
    return new ArrayList<>(out);
  }

  private static List<String> phones(List<String> given) {
    limit(given, "phones");
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String phone : given) {
      out.add(PhoneNumbers.e164(phone).orElseThrow(() -> new IllegalArgumentException(PhoneNumbers.invalid(phone))));
    }
    return new ArrayList<>(out);
  }

  private static void limit(List<String> given, String field) {
    if (given.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("At most " + MAX_ENTRIES + " " + field + " per contact");
    }
  }
}
