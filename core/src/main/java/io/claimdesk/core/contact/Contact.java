package io.claimdesk.core.contact;

import java.util.List;

/** A customer; phone numbers are E.164. */
public record Contact(String id, String name, List<String> emails, List<String> phones, String notes) {
  public Contact {
    emails = emails == null ? List.of() : List.copyOf(emails);
    phones = phones == null ? List.of() : List.copyOf(phones);
  }
}
