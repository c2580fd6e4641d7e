package io.claimdesk.mail.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient reading of the headers that matter, each falling back to something readable instead of failing. */
final class Headers {
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"',;:()]+@[^\\s<>\"',;:()]+");

  private final MimeMessage message;

  Headers(MimeMessage message) {
    this.message = message;
  }

  /** The header's value, unfolded, 8-bit bytes repaired and encoded words decoded; null when absent. */
  String text(String name) throws MessagingException {
    String raw = message.getHeader(name, " ");
    if (raw == null) {
      return null;
    }
    return TextDecoder.clean(EncodedWords.decode(TextDecoder.repairHeader(MimeUtility.unfold(raw)).strip()));
  }

  /** The Message-IDs in a header, in order ({@code <...>} tokens). */
  List<String> messageIds(String name) throws MessagingException {
    String raw = message.getHeader(name, " ");
    List<String> ids = new ArrayList<>();
    if (raw != null) {
      Matcher m = MESSAGE_ID.matcher(raw);
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  /** The first Message-ID of a header, a bare one wrapped in angle brackets, or null. */
  String messageId(String name) throws MessagingException {
    List<String> ids = messageIds(name);
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    String raw = message.getHeader(name, " ");
    return raw == null || raw.isBlank() || raw.strip().contains(" ") ? null : "<" + raw.strip() + ">";
  }

  /** The addresses of a header, lower-cased bare addresses, readable even when the header is malformed. */
  List<InternetAddress> addresses(String name) throws MessagingException {
    String value = text(name);
    List<InternetAddress> result = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return result;
    }
    try {
      for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
        if (a.getAddress() != null && a.getAddress().contains("@")) {
          result.add(new InternetAddress(a.getAddress().toLowerCase(Locale.ROOT), a.getPersonal(), "UTF-8"));
        }
      }
    } catch (AddressException | java.io.UnsupportedEncodingException e) {
      result.clear();
    }
    if (result.isEmpty()) {
      Matcher m = ADDRESS.matcher(value);
      while (m.find()) {
        try {
          result.add(new InternetAddress(m.group().toLowerCase(Locale.ROOT), null, "UTF-8"));
        } catch (java.io.UnsupportedEncodingException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
    return result;
  }

  /** The Date header, or null when it is missing or unreadable. */
  Instant date() throws MessagingException {
    String raw = message.getHeader("Date", " ");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return new MailDateFormat().parse(MimeUtility.unfold(raw).strip()).toInstant();
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }
}
