package io.claimdesk.bot.discord;

import java.util.regex.Pattern;

/**
 * Customer text made safe for Discord Markdown: every character with a Markdown meaning is escaped with a
 * backslash, so {@code <@123>}, {@code <@&123>} and {@code <#123>} show as text instead of mentions, and
 * {@code @everyone} / {@code @here} get a zero-width space after the {@code @}. Messages are also sent with no
 * mention allowed; this is the second guard, and it keeps the text from looking like a ping.
 */
final class DiscordText {
  private static final Pattern MARKDOWN = Pattern.compile("([\\\\*_~`|>#\\[\\]()<:\\-+.!])");
  private static final Pattern BROADCAST = Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);

  private DiscordText() {}

  /** The text with Markdown escaped and broadcast mentions defused; null gives "". */
  static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    String escaped = MARKDOWN.matcher(raw).replaceAll("\\\\$1");
    return BROADCAST.matcher(escaped).replaceAll("@\u200B$1");
  }

  /** Plain text (a title, a button label) with broadcast mentions defused. */
  static String plain(String raw) {
    return raw == null ? "" : BROADCAST.matcher(raw).replaceAll("@\u200B$1");
  }

  /**
   * At most {@code max} chars, ending in "…" when cut; never between the halves of a surrogate pair, and never
   * leaving a lone escaping backslash at the end.
   */
  static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // the pair straddles the cut: leave both out
    }
    int backslashes = 0;
    while (end - backslashes - 1 >= 0 && text.charAt(end - backslashes - 1) == '\\') {
      backslashes++;
    }
    if (backslashes % 2 == 1) {
      end--; // the escape belongs to the character cut off
    }
    return text.substring(0, end) + "…";
  }
}
