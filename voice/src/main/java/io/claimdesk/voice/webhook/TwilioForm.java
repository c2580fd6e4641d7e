package io.claimdesk.voice.webhook;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of a Twilio webhook's {@code application/x-www-form-urlencoded} body. Read here, not by the servlet
 * container, so that what the signature is checked on and what is used are the same map; a field given twice (which
 * Twilio never sends) could otherwise be signed with one value and used with the other.
 */
final class TwilioForm {
  /** Twilio's resource ids: two letters and 32 hex digits; more is allowed, not less. */
  private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
  private static final int MAX_FIELD_CHARS = 4096;

  private final Map<String, String> fields;

  private TwilioForm(Map<String, String> fields) {
    this.fields = Map.copyOf(fields);
  }

  /** A form body Twilio could not have sent; its message says why. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  /** Reads a body; malformed UTF-8, bad %-escapes, a field without a name, a repeated field are refused. */
  static TwilioForm parse(byte[] body) throws Malformed {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("Form body is not UTF-8");
    }
    Map<String, String> fields = new HashMap<>();
    if (text.isEmpty()) {
      return new TwilioForm(fields);
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.isEmpty()) {
        throw new Malformed("Form field without a name");
      }
      if (name.length() > MAX_FIELD_CHARS || value.length() > MAX_FIELD_CHARS) {
        throw new Malformed("Form field longer than " + MAX_FIELD_CHARS + " characters");
      }
      if (fields.putIfAbsent(name, value) != null) {
        throw new Malformed("Form field given twice: " + abbreviated(name));
      }
    }
    return new TwilioForm(fields);
  }

  private static String decode(String text) throws Malformed {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Malformed("Malformed %-escape in form body");
    }
  }

  Map<String, String> fields() {
    return fields;
  }

  /** The field, or null when absent or blank. */
  String field(String name) {
    String value = fields.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** A Twilio id field, required; refused when missing or not shaped like one. */
  String sid(String name) throws Malformed {
    String value = field(name);
    if (value == null) {
      throw new Malformed("Missing " + name);
    }
    if (value.length() > 64 || !SID.matcher(value).lookingAt()) {
      throw new Malformed("Malformed " + name);
    }
    return value;
  }

  /** A whole number of seconds, or null when absent; refused when not one. */
  Integer seconds(String name) throws Malformed {
    String value = field(name);
    if (value == null) {
      return null;
    }
    try {
      int seconds = Integer.parseInt(value.strip());
      if (seconds < 0) {
        throw new Malformed("Negative " + name);
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new Malformed("Malformed " + name);
    }
  }

  private static String abbreviated(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
