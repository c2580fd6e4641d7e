package io.claimdesk.core.mongo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bson.types.ObjectId;

/** The position after the last ticket of a page (newest first): its arrival time and id, as an opaque string. */
record PageCursor(long receivedAtMillis, ObjectId id) {

  String encode() {
    String raw = receivedAtMillis + ":" + id.toHexString();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** Decodes a cursor; throws {@link IllegalArgumentException} for anything this class did not write. */
  static PageCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int colon = raw.indexOf(':');
      return new PageCursor(Long.parseLong(raw.substring(0, colon)), new ObjectId(raw.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid cursor", e);
    }
  }
}
