package io.claimdesk.core.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers as claimdesk stores them: E.164 ({@code +14155550101}), checked by libphonenumber. Numbers are
 * taken in international form only (a leading {@code +}): with no country of the team configured, a national number
 * is ambiguous.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_INPUT = 64;

  private PhoneNumbers() {}

  /** The number in E.164 when it is a valid number, else empty; spaces, dashes, dots and brackets are ignored. */
  public static Optional<String> e164(String input) {
    if (input == null || input.isBlank() || input.length() > MAX_INPUT) {
      return Optional.empty();
    }
    String trimmed = input.strip();
    if (!trimmed.startsWith("+")) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(trimmed, "ZZ");
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The message of a refused number, the same wherever a phone number is entered. */
  public static String invalid(String input) {
    return "Invalid phone number: " + input;
  }
}
