package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.h2.mvstore.WriteBuffer;

/**
 * Writes BSON straight into the buffer of the page H2 is writing: the same bytes as mongo-java-server's
 * {@code BsonEncoder} writes, so that its {@code BsonDecoder} reads them back as before. A commit writes every
 * document of every page it changed, so the encoder's garbage came once per document per commit: a byte array per
 * string, a map per list and per value written on its own, a string per list index. The common types are written
 * here without any; the others (binary data, decimals, timestamps, regular expressions, min and max keys) go through
 * {@code BsonEncoder} and are copied.
 */
final class BsonWriter {
  private static final int SCRATCH_BYTES = 1024;
  private static final int SCRATCH_KEPT_BYTES = 1024 * 1024;
  /** Each thread's buffer for the values {@code BsonEncoder} writes. */
  private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(SCRATCH_BYTES));

  private static final String[] INDEXES = IntStream.range(0, 1024).mapToObj(Integer::toString)
      .toArray(String[]::new);

  private BsonWriter() {}

  /** {@code document} as a BSON document. */
  static void document(WriteBuffer out, Map<String, ?> document) {
    int start = begin(out);
    for (Map.Entry<String, ?> entry : document.entrySet()) {
      element(out, entry.getKey(), entry.getValue());
    }
    end(out, start);
  }

  /** The document {@code {field: value}}, without making it. */
  static void single(WriteBuffer out, String field, Object value) {
    int start = begin(out);
    element(out, field, value);
    end(out, start);
  }

  /** Starts a document: its length, known at its end. */
  private static int begin(WriteBuffer out) {
    int start = out.position();
    out.putInt(0);
    return start;
  }

  private static void end(WriteBuffer out, int start) {
    out.put(BsonConstants.TERMINATING_BYTE);
    out.putInt(start, Integer.reverseBytes(out.position() - start));
  }

  private static void element(WriteBuffer out, String name, Object value) {
    byte type = BsonEncoder.determineType(value);
    out.put(type);
    utf8(out, name);
    out.put(BsonConstants.STRING_TERMINATION);
    value(out, type, value);
  }

  @SuppressWarnings("unchecked")
  private static void value(WriteBuffer out, byte type, Object value) {
    switch (type) {
      case BsonConstants.TYPE_NULL -> { }
      case BsonConstants.TYPE_UTF8_STRING -> string(out, (String) value);
      case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> document(out, (Map<String, ?>) value);
      case BsonConstants.TYPE_INT32 -> out.putInt(Integer.reverseBytes((Integer) value));
      case BsonConstants.TYPE_INT64 -> out.putLong(Long.reverseBytes((Long) value));
      case BsonConstants.TYPE_DOUBLE -> out.putLong(Long.reverseBytes(Double.doubleToRawLongBits((Double) value)));
      case BsonConstants.TYPE_BOOLEAN -> out.put((Boolean) value ? BsonConstants.BOOLEAN_VALUE_TRUE
          : BsonConstants.BOOLEAN_VALUE_FALSE);
      case BsonConstants.TYPE_UTC_DATETIME -> out.putLong(Long.reverseBytes(((Instant) value).toEpochMilli()));
      case BsonConstants.TYPE_OBJECT_ID -> out.put(((ObjectId) value).toByteArray());
      default -> {
        if (type == BsonConstants.TYPE_ARRAY && value instanceof Collection<?> items) {
          array(out, items);
        } else {
          encoded(out, type, value);
        }
      }
    }
  }

  /** The name of an array's item: its index. */
  private static String name(int index) {
    return index < INDEXES.length ? INDEXES[index] : Integer.toString(index);
  }

  /** An array is a document keyed "0", "1", …. */
  private static void array(WriteBuffer out, Collection<?> items) {
    int start = begin(out);
    int index = 0;
    if (items instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        element(out, name(index++), list.get(i));
      }
    } else {
      for (Object item : items) {
        element(out, name(index++), item);
      }
    }
    end(out, start);
  }

  /** A BSON string: its length in bytes with the terminator, the UTF-8, the terminator. */
  private static void string(WriteBuffer out, String value) {
    int start = out.position();
    out.putInt(0);
    utf8(out, value);
    out.put(BsonConstants.STRING_TERMINATION);
    out.putInt(start, Integer.reverseBytes(out.position() - start - Integer.BYTES));
  }

  /** UTF-8 as {@code String.getBytes(UTF_8)} writes it: a lone surrogate becomes {@code '?'}. */
  private static void utf8(WriteBuffer out, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.put((byte) c);
      } else if (c < 0x800) {
        out.put((byte) (0xc0 | c >> 6));
        out.put((byte) (0x80 | c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int code = Character.toCodePoint(c, s.charAt(++i));
        out.put((byte) (0xf0 | code >> 18));
        out.put((byte) (0x80 | code >> 12 & 0x3f));
        out.put((byte) (0x80 | code >> 6 & 0x3f));
        out.put((byte) (0x80 | code & 0x3f));
      } else if (Character.isSurrogate(c)) {
        out.put((byte) '?');
      } else {
        out.put((byte) (0xe0 | c >> 12));
        out.put((byte) (0x80 | c >> 6 & 0x3f));
        out.put((byte) (0x80 | c & 0x3f));
      }
    }
  }

  private static void encoded(WriteBuffer out, byte type, Object value) {
    ByteBuf encoded = SCRATCH.get();
    encoded.clear();
    try {
      BsonEncoder.encodeValue(type, value, encoded);
      out.put(encoded.nioBuffer());
    } finally {
      if (encoded.capacity() > SCRATCH_KEPT_BYTES) {
        SCRATCH.set(Unpooled.buffer(SCRATCH_BYTES)); // a huge value's buffer is not kept for good
      }
    }
  }
}
