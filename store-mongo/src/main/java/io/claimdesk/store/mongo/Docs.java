package io.claimdesk.store.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Small readers for document fields that may be missing in documents written by older versions. */
final class Docs {
  private Docs() {}

  static Instant instant(Document doc, String key) {
    Date date = doc.getDate(key);
    return date == null ? null : date.toInstant();
  }

  static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  static int intValue(Document doc, String key) {
    Object value = doc.get(key);
    return value instanceof Number number ? number.intValue() : 0;
  }

  static long longValue(Document doc, String key) {
    Object value = doc.get(key);
    return value instanceof Number number ? number.longValue() : 0L;
  }

  static List<String> strings(Document doc, String key) {
    List<String> list = doc.getList(key, String.class);
    return list == null ? List.of() : list;
  }
}
