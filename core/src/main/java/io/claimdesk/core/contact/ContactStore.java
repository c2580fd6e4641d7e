package io.claimdesk.core.contact;

import java.util.Optional;

/** Stores contacts ({@code contacts}). */
public interface ContactStore {

  /** Creates a contact and returns it with its id. */
  Contact insert(Contact contact);

  /**
   * Adds the sender of a mail as a contact, or gives an existing contact with this address the name when it had
   * none; the contact either way.
   */
  Contact recordSender(String email, String name);

  /** The contact with this email address (case-insensitive), if any. */
  Optional<Contact> findByEmail(String email);

  /** The contact with this E.164 phone number, if any. */
  Optional<Contact> findByPhone(String e164);

  /**
   * The contact with this E.164 number, or a new one holding just the number (a caller nobody knew); of two calls
   * racing from a new number, both get the same contact.
   */
  Contact recordCaller(String e164);

  /** Appends a line to the contact's notes; false when there is no such contact. */
  boolean appendNote(String contactId, String line);

  /** How many contacts exist. */
  long count();
}
