package io.claimdesk.mail.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Bytes to text with a declared charset that may be missing, unknown or wrong. Order: the declared charset when it
 * exists and is not plain ASCII contradicted by 8-bit bytes; otherwise UTF-8 when the bytes are valid UTF-8;
 * otherwise windows-1252, which maps every byte to something readable. Never throws, never drops the text.
 */
final class TextDecoder {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoder() {}

  static String decode(byte[] bytes, String declared) {
    Charset charset = known(declared);
    if (StandardCharsets.ISO_8859_1.equals(charset)) {
      charset = WINDOWS_1252; // as browsers do: mail labelled Latin-1 is written in windows-1252 (€, quotes)
    }
    boolean eightBit = hasEightBit(bytes);
    if (charset != null && !(eightBit && isAscii(charset))) {
      return new String(bytes, charset);
    }
    if (!eightBit) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }
    String utf8 = strictUtf8(bytes);
    return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
  }

  /** Header text that arrived as raw bytes read one char per byte: re-read as UTF-8 when that is what it was. */
  static String repairHeader(String value) {
    if (value == null) {
      return null;
    }
    boolean highLatin1 = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value; // already real Unicode
      }
      highLatin1 |= c >= 0x80;
    }
    if (!highLatin1) {
      return value;
    }
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    String utf8 = strictUtf8(bytes);
    return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
  }

  /** Text without NUL and other control characters that mean nothing to a reader (tabs and newlines stay). */
  static String clean(String text) {
    return text == null ? null : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
  }

  private static Charset known(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String cleaned = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
    // common aliases Java does not know under these names
    cleaned = switch (cleaned) {
      case "utf8" -> "utf-8";
      case "gb2312", "gb_2312-80", "x-gbk" -> "gbk";
      case "ks_c_5601-1987" -> "euc-kr";
      case "iso-8859-8-i" -> "iso-8859-8";
      default -> cleaned;
    };
    try {
      return Charset.forName(cleaned);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static boolean isAscii(Charset charset) {
    return charset.equals(StandardCharsets.US_ASCII);
  }

  private static boolean hasEightBit(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
