package io.claimdesk.core.ticket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after a page of a list in another order than arrival: the sort and how many tickets came before, as
 * an opaque string. (Arrival order pages by {@link PageCursor}, which a concurrent change cannot shift.)
 */
public record SortCursor(TicketSort sort, int offset) {

  public String encode() {
    String raw = "sort:" + sort.value() + ":" + offset;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** Decodes a cursor of this sort; throws {@link IllegalArgumentException} for anything else. */
  public static SortCursor decode(String cursor, TicketSort expected) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
      int offset = Integer.parseInt(parts[2]);
      if (parts.length != 3 || !parts[0].equals("sort") || !parts[1].equals(expected.value()) || offset < 0) {
        throw new IllegalArgumentException("not a cursor of sort " + expected.value());
      }
      return new SortCursor(expected, offset);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid cursor", e);
    }
  }
}
