package io.claimdesk.mail.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient accessors for one MIME part: each answers something usable instead of throwing on bad input. */
final class Parts {
  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

  private Parts() {}

  static String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException e) {
      return null;
    }
  }

  static String filename(Part part) {
    try {
      String name = part.getFileName();
      return name == null || name.isBlank() ? null : TextDecoder.repairHeader(name.strip());
    } catch (MessagingException e) {
      return null;
    }
  }

  static boolean hasContentType(Part part) throws MessagingException {
    String[] header = part.getHeader("Content-Type");
    return header != null && header.length > 0;
  }

  static String baseType(Part part) {
    try {
      return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | NullPointerException e) {
      return "application/octet-stream";
    }
  }

  static String defaultName(Part part, String contentType) throws MessagingException {
    if (contentType.equals("message/rfc822")) {
      return "forwarded-message.eml";
    }
    if (contentType.equals("text/calendar")) {
      return "invite.ics";
    }
    int slash = contentType.indexOf('/');
    String extension = slash < 0 ? "bin" : contentType.substring(slash + 1).replaceAll("[^a-z0-9]", "");
    return "attachment." + (extension.isEmpty() ? "bin" : extension);
  }

  /** The decoded content of a leaf part; the raw bytes when the transfer encoding cannot be decoded. */
  static InputStream content(Part part) throws MessagingException, IOException {
    try {
      if (part.isMimeType("message/rfc822") && part instanceof MimeBodyPart body) {
        return body.getInputStream();
      }
      return part.getInputStream();
    } catch (IOException | MessagingException | RuntimeException e) {
      return raw(part);
    }
  }

  /** A text part as a string, at most {@code maxBytes} of it, decoded by {@link TextDecoder}. */
  static String text(Part part, int maxBytes) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = content(part)) {
      bytes = readAtMost(in, maxBytes + 1);
    } catch (IOException | RuntimeException e) {
      try (InputStream in = raw(part)) {
        bytes = readAtMost(in, maxBytes + 1);
      }
    }
    boolean cut = bytes.length > maxBytes;
    String value = TextDecoder.clean(
        TextDecoder.decode(cut ? java.util.Arrays.copyOf(bytes, maxBytes) : bytes, charset(part)));
    return cut ? value + cutNote(maxBytes) : value;
  }

  /** True when {@link #text} cut this value at {@code maxBytes}. */
  static boolean wasCut(String value, int maxBytes) {
    return value.endsWith(cutNote(maxBytes));
  }

  /** {@code value} (already cut at {@code maxBytes}) with the note that says so. */
  static String cut(String value, int maxBytes) {
    return value + cutNote(maxBytes);
  }

  private static String cutNote(int maxBytes) {
    return "\n[... cut at " + maxBytes + " bytes]";
  }

  private static InputStream raw(Part part) throws MessagingException, IOException {
    if (part instanceof MimeBodyPart body) {
      return body.getRawInputStream();
    }
    if (part instanceof MimeMessage message) {
      return message.getRawInputStream();
    }
    return part.getInputStream();
  }

  private static String charset(Part part) throws MessagingException {
    String contentType = part.getContentType();
    if (contentType == null) {
      return null;
    }
    try {
      return new ContentType(contentType).getParameter("charset");
    } catch (ParseException e) {
      Matcher m = CHARSET.matcher(contentType);
      return m.find() ? m.group(1) : null;
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n = in.read(buffer); n > 0 && total < max; n = in.read(buffer)) {
      int take = Math.min(n, max - total);
      out.write(buffer, 0, take);
      total += take;
    }
    return out.toByteArray();
  }
}
