package io.claimdesk.core.ticket;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A filter for ticket lists. {@code status}, {@code assignee} and {@code q} are optional; {@code assignee} is a
 * member id or {@link #UNASSIGNED}; {@code q} is plain text whose every word must appear in the ticket (see
 * {@link #words()}). {@code cursor} is the opaque value returned as {@link TicketPage#nextCursor()}, valid only with
 * the same {@code sort}.
 */
public record TicketQuery(TicketStatus status, String assignee, int limit, String cursor, String q, TicketSort sort) {
  public static final String UNASSIGNED = "none";
  public static final int MAX_LIMIT = 200;
  /** Longer searches are refused: every word is one more pass over each ticket's text. */
  public static final int MAX_Q_LENGTH = 200;
  public static final int MAX_WORDS = 8;

  public TicketQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    q = q == null || q.isBlank() ? null : q.strip();
    if (q != null && q.length() > MAX_Q_LENGTH) {
      throw new IllegalArgumentException("q must be at most " + MAX_Q_LENGTH + " characters");
    }
    if (q != null && splitWords(q).size() > MAX_WORDS) {
      throw new IllegalArgumentException("q must have at most " + MAX_WORDS + " words");
    }
    sort = sort == null ? TicketSort.RECEIVED : sort;
  }

  public TicketQuery(TicketStatus status, String assignee, int limit, String cursor) {
    this(status, assignee, limit, cursor, null, TicketSort.RECEIVED);
  }

  /** The distinct words of {@code q}, lower-cased as the stored search text is; empty without {@code q}. */
  public List<String> words() {
    return q == null ? List.of() : splitWords(q);
  }

  /** Lower-cases text the one way the store and the query both use, whatever the machine's locale. */
  public static String fold(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  private static List<String> splitWords(String q) {
    return List.copyOf(new LinkedHashSet<>(Arrays.asList(fold(q).strip().split("\\s+"))));
  }
}
