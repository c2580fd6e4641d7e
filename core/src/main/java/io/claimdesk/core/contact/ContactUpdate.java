package io.claimdesk.core.contact;

import java.util.List;
import java.util.Optional;

/**
 * Changes to a contact; an empty {@link Optional} leaves a field alone. Emails and phones replace the whole list
 * and are expected normalised (lower-case addresses, E.164 numbers), as {@link ContactService} hands them over.
 */
public record ContactUpdate(
    Optional<String> name, Optional<List<String>> emails, Optional<List<String>> phones, Optional<String> notes) {

  public static ContactUpdate none() {
    return new ContactUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ContactUpdate withEmails(List<String> value) {
    return new ContactUpdate(name, Optional.of(value), phones, notes);
  }
}
