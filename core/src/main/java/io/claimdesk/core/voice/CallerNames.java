package io.claimdesk.core.voice;

import io.claimdesk.core.contact.Contact;

/** How a caller is named to the team: the contact's name, else an address, else the number. */
final class CallerNames {
  private CallerNames() {}

  static String of(Contact contact, String number) {
    if (contact != null && contact.name() != null && !contact.name().isBlank()) {
      return contact.name();
    }
    if (contact != null && !contact.emails().isEmpty()) {
      return contact.emails().get(0);
    }
    return number == null || number.isBlank() ? "Unknown caller" : number;
  }
}
