package io.claimdesk.mail.parse;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words, decoded the way mail clients do rather than the way the RFC says: words glued to text,
 * and adjacent words in one charset joined before decoding, since senders split a multi-byte character across
 * two words. A word that cannot be decoded stays as it came.
 */
final class EncodedWords {
  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([QqBb])\\?([^?]*)\\?=");

  private EncodedWords() {}

  static String decode(String value) {
    Matcher m = WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    String pendingCharset = null;
    int last = 0;
    while (m.find()) {
      String between = value.substring(last, m.start());
      String charset = m.group(1).replaceFirst("\\*.*$", ""); // RFC 2231 language suffix
      byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quoted(m.group(3));
      if (bytes == null) {
        flush(out, pending, pendingCharset);
        pendingCharset = null;
        out.append(between).append(m.group());
        last = m.end();
        continue;
      }
      boolean joins = pendingCharset != null && between.isBlank() && pendingCharset.equalsIgnoreCase(charset);
      if (!joins) {
        flush(out, pending, pendingCharset);
        // whitespace between two encoded words is not part of the text
        out.append(pendingCharset != null && between.isBlank() ? "" : between);
      }
      pendingCharset = charset;
      pending.writeBytes(bytes);
      last = m.end();
    }
    flush(out, pending, pendingCharset);
    return out.append(value.substring(last)).toString();
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
    if (pending.size() > 0) {
      out.append(TextDecoder.decode(pending.toByteArray(), charset));
      pending.reset();
    }
  }

  private static byte[] base64(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9+/]", "");
    cleaned = cleaned + "===".substring(0, (4 - cleaned.length() % 4) % 4);
    try {
      return Base64.getDecoder().decode(cleaned);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] quoted(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length() + 0 && isHex(text, i + 1) && isHex(text, i + 2)) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c > 0xFF ? '?' : c);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}
