package io.claimdesk.core.ticket;

import java.util.List;
import java.util.Optional;

/**
 * A few words of a message around a search hit: {@code before} and {@code after} are plain text (an ellipsis marks
 * text left out), {@code hit} the matched characters as written in the message.
 */
public record Snippet(String before, String hit, String after) {
  static final int BEFORE = 60;
  static final int AFTER = 120;

  /**
   * The snippet around the earliest hit in {@code text} of any of {@code words} (lower-cased, as
   * {@link TicketQuery#words()} gives them); empty when none appears. Whitespace runs read as one space.
   */
  public static Optional<Snippet> around(String text, List<String> words) {
    if (text == null || words.isEmpty()) {
      return Optional.empty();
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    String folded = TicketQuery.fold(flat);
    if (folded.length() != flat.length()) {
      return Optional.empty(); // a rare character whose lower case is longer: positions would not line up
    }
    int at = -1;
    int length = 0;
    for (String word : words) {
      int found = folded.indexOf(word);
      if (found >= 0 && (at < 0 || found < at)) {
        at = found;
        length = word.length();
      }
    }
    if (at < 0) {
      return Optional.empty();
    }
    int from = Math.max(0, at - BEFORE);
    int to = Math.min(flat.length(), at + length + AFTER);
    String before = (from > 0 ? "…" : "") + flat.substring(from, at);
    String after = flat.substring(at + length, to) + (to < flat.length() ? "…" : "");
    return Optional.of(new Snippet(before, flat.substring(at, at + length), after));
  }
}
