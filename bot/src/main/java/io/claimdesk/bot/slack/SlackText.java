package io.claimdesk.bot.slack;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes customer text safe to show in Slack. Slack parses {@code <...>} in mrkdwn as mentions, broadcasts and links,
 * so escaping {@code & < >} is what stops injection; the broadcast words also get a word joiner so they stay inert
 * even where Slack links plain {@code @channel} (link_names). Limits count UTF-16 chars, which is never fewer than
 * what Slack counts, so a text within the limit here is within it in Slack too.
 */
public final class SlackText {

  /** Put after the {@code @} of a broadcast word: invisible, but Slack no longer sees the word. */
  static final char WORD_JOINER = '\u2060';

  static final String ELLIPSIS = "…";

  private static final Pattern BROADCAST = Pattern.compile("@(?=(?:channel|here|everyone))", Pattern.CASE_INSENSITIVE);

  // The only entities escape() produces; a cut must never leave one of them half.
  private static final String[] ENTITIES = {"&amp;", "&lt;", "&gt;"};

  private SlackText() {}

  /** Escapes raw text for mrkdwn: {@code & < >} as entities and broadcast words defused; null gives "". */
  public static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    String escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return defuseBroadcasts(escaped);
  }

  /** Escapes raw text for mrkdwn and cuts it to at most {@code maxChars} chars, ellipsis included. */
  public static String mrkdwn(String raw, int maxChars) {
    return truncate(escape(raw), maxChars);
  }

  /** Raw text for a plain_text object (no entities there) with broadcast words defused, at most maxChars chars. */
  public static String plain(String raw, int maxChars) {
    return truncate(defuseBroadcasts(raw == null ? "" : raw), maxChars);
  }

  /**
   * Cuts already escaped text to at most {@code maxChars} chars including a trailing ellipsis, never inside an
   * entity nor between the two halves of a surrogate pair; null gives "".
   */
  public static String truncate(String text, int maxChars) {
    if (text == null || maxChars <= 0) {
      return "";
    }
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars - ELLIPSIS.length();
    // An entity is at most 5 chars, so only an '&' within the last 4 kept chars can start one the cut splits.
    int amp = text.lastIndexOf('&', end - 1);
    if (amp >= 0 && amp > end - 5) {
      for (String entity : ENTITIES) {
        if (text.startsWith(entity, amp) && amp + entity.length() > end) {
          end = amp;
          break;
        }
      }
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, Math.max(end, 0)) + ELLIPSIS;
  }

  /**
   * A mrkdwn link {@code <url|label>} to an http(s) URL, with the characters that would end or split the link
   * percent-encoded; null when the URL is not http(s) or too long, so callers leave the link out.
   * {@code escapedLabel} must already be escaped.
   */
  static String link(String url, String escapedLabel) {
    String safe = safeUrl(url);
    return safe == null ? null : "<" + safe + "|" + escapedLabel + ">";
  }

  /** The URL made safe inside {@code <...>}, or null when it is not an http(s) URL of a sane length. */
  static String safeUrl(String url) {
    if (url == null) {
      return null;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      return null;
    }
    StringBuilder out = new StringBuilder(url.length());
    url.codePoints().forEach(cp -> {
      if (cp == '&') {
        out.append("&amp;"); // Slack decodes entities inside link URLs too
      } else if (cp == '|' || cp == '<' || cp == '>' || cp == '"' || cp <= 0x20 || cp == 0x7f
          || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT) {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      } else {
        out.appendCodePoint(cp);
      }
    });
    // Slack rejects texts over 3000 chars; a URL this long is not one of ours.
    return out.length() > 2000 ? null : out.toString();
  }

  private static String defuseBroadcasts(String text) {
    return BROADCAST.matcher(text).replaceAll("@" + WORD_JOINER);
  }
}
