package io.claimdesk.core.contact;

import java.util.List;
import java.util.Optional;

/** Stores contacts ({@code contacts}); each email address and phone number belongs to at most one contact. */
public interface ContactStore {

  /**
   * Creates a contact and returns it with its id; an address or number another contact holds is moved to this one
   * (for seeding and imports: {@link #create} refuses instead).
   */
  Contact insert(Contact contact);

  /** Creates a contact unless another contact holds one of its addresses or numbers ({@link Outcome.Taken}). */
  Outcome create(Contact contact);

  /**
   * Applies the changes: the contact as it now is, {@link Outcome.NotFound}, or {@link Outcome.Taken} (nothing
   * changed) when another contact holds an address or number given.
   */
  Outcome update(String contactId, ContactUpdate update);

  /** What {@link #create} and {@link #update} did. */
  sealed interface Outcome {
    record Saved(Contact contact) implements Outcome {}

    record NotFound() implements Outcome {}

    /** {@code value} is the address or number another contact holds. */
    record Taken(String value) implements Outcome {}
  }

  /**
   * Adds the sender of a mail as a contact, or gives an existing contact with this address the name when it had
   * none; the contact either way.
   */
  Contact recordSender(String email, String name);

  /** The contact with this id, if any. */
  Optional<Contact> find(String contactId);

  /** The contact with this email address (case-insensitive), if any. */
  Optional<Contact> findByEmail(String email);

  /** The contact with this E.164 phone number, if any. */
  Optional<Contact> findByPhone(String e164);

  /**
   * Contacts whose name or one of whose addresses contains {@code text} (plain text, case-insensitive), by name, at
   * most {@code limit}; a blank text lists contacts by name.
   */
  List<Contact> search(String text, int limit);

  /** How many contacts exist. */
  long count();
}
