package io.claimdesk.core.ticket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after the last ticket of a page (newest first): its arrival time and id, as an opaque string. Every
 * store that lists tickets writes and reads the same form, so a page served from memory continues from the database.
 */
public record PageCursor(long receivedAtMillis, String id) {

  public String encode() {
    String raw = receivedAtMillis + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** Decodes a cursor; throws {@link IllegalArgumentException} for anything this class did not write. */
  public static PageCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int colon = raw.indexOf(':');
      String id = raw.substring(colon + 1);
      if (!id.matches("[0-9a-f]{24}")) {
        throw new IllegalArgumentException("not an id: " + id);
      }
      return new PageCursor(Long.parseLong(raw.substring(0, colon)), id);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid cursor", e);
    }
  }

  /** The cursor after this ticket. */
  public static PageCursor after(EmailThread ticket) {
    return new PageCursor(ticket.receivedAt().toEpochMilli(), ticket.id());
  }
}
