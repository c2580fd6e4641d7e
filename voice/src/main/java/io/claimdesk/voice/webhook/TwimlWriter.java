package io.claimdesk.voice.webhook;

import com.twilio.twiml.TwiML;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the SDK's TwiML model as the SDK's {@code TwiML.toXml()} writes it, character for character, without
 * building a DOM and running it through an XSLT transformer: {@code toXml()} looks up both XML factories, builds a
 * parser, a document and a transformer for every answer, about 70 kB of garbage and most of the CPU that writing
 * the answer to {@code /voice/incoming} costs. The model is read as {@code toXml()} reads it: tag, attributes (the
 * SDK's {@code getElementAttributes()}, protected, with its one renaming, {@code for_} to {@code for}), custom
 * options over them, body, children; attributes in name order, as the DOM keeps them. Characters are escaped as the
 * JDK's serializer escapes them for UTF-8. One difference: a lone UTF-16 surrogate (a broken name) is written as
 * U+FFFD, where {@code toXml()} fails. {@code TwimlWriterTest} holds the rest to {@code toXml()}'s output.
 */
final class TwimlWriter {
  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private static final Method ATTRIBUTES = accessible("getElementAttributes");
  private static final Method BODY = accessible("getElementBody");

  private TwimlWriter() {}

  /** The TwiML of {@code twiml} as {@code twiml.toXml()} writes it. */
  static String write(TwiML twiml) {
    StringBuilder out = new StringBuilder(4096).append(DECLARATION); // ten ringees fit: no regrowth
    element(twiml, out);
    return out.toString();
  }

  private static void element(TwiML node, StringBuilder out) {
    out.append('<').append(node.getTagName());
    Map<String, String> attributes = new TreeMap<>();
    read(ATTRIBUTES, node, Map.class).forEach((name, value) ->
        attributes.put("for_".equals(name) ? "for" : (String) name, (String) value));
    attributes.putAll(node.getOptions());
    attributes.forEach((name, value) -> {
      out.append(' ').append(name).append("=\"");
      escape(value, true, out);
      out.append('"');
    });
    String body = read(BODY, node, String.class);
    boolean empty = (body == null || body.isEmpty()) && node.getChildren().isEmpty();
    if (empty) {
      out.append("/>");
      return;
    }
    out.append('>');
    if (body != null) {
      escape(body, false, out);
    }
    for (TwiML child : node.getChildren()) {
      element(child, out);
    }
    out.append("</").append(node.getTagName()).append('>');
  }

  /**
   * As the JDK's XML serializer escapes for UTF-8: markup characters as entities ({@code "} only in attributes);
   * control characters as numeric references (tab and newline stay in text); C1 controls (U+007F to U+009F) as
   * numeric references in text only; characters beyond the BMP as numeric references.
   */
  private static void escape(String text, boolean attribute, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append("&#").append(Character.toCodePoint(c, text.charAt(++i))).append(';');
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else if (c < 0x20 && (attribute || (c != '\t' && c != '\n'))
              || !attribute && c >= 0x7F && c <= 0x9F) {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static <T> T read(Method getter, TwiML node, Class<T> type) {
    try {
      return type.cast(getter.invoke(node));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("TwiML could not be read: " + getter.getName(), e);
    }
  }

  private static Method accessible(String name) {
    try {
      Method method = TwiML.class.getDeclaredMethod(name);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
