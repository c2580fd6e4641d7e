package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded database keeps documents, index keys and positions on disk: as BSON, the format they arrive
 * in, instead of H2's default Java serialization (which wrote class descriptors for every value of every page on
 * every commit, and compared index keys by serializing both). Keys compare in MongoDB's order of values, with
 * numbers compared exactly (1, 1L and 1.0 are one key, as in a MongoDB unique index).
 */
final class BsonDataType extends BasicDataType<Object> {
  static final BsonDataType INSTANCE = new BsonDataType();

  private static final byte NULL = 1;
  private static final byte MISSING = 2;
  private static final byte DOCUMENT = 3;
  private static final byte VALUE = 4;
  private static final byte KEY = 5;
  private static final byte JAVA = 6;
  private static final String FIELD = "v";
  private final ObjectDataType javaSerialized = new ObjectDataType();

  private BsonDataType() {}

  @Override
  public Object[] createStorage(int size) {
    return new Object[size];
  }

  @Override
  public void write(WriteBuffer buff, Object value) {
    if (value == null) {
      buff.put(NULL);
    } else if (value instanceof Missing) {
      buff.put(MISSING);
    } else if (value instanceof KeyValue key) {
      buff.put(KEY).putVarInt(key.size());
      for (Object part : key) {
        write(buff, part);
      }
    } else if (value instanceof Document document) {
      buff.put(DOCUMENT);
      BsonWriter.document(buff, document);
    } else if (isBson(value)) {
      buff.put(VALUE);
      BsonWriter.single(buff, FIELD, value);
    } else {
      buff.put(JAVA);
      javaSerialized.write(buff, value);
    }
  }

  private static boolean isBson(Object value) {
    try {
      BsonEncoder.determineType(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public Object read(ByteBuffer buff) {
    byte tag = buff.get();
    return switch (tag) {
      case NULL -> null;
      case MISSING -> Missing.getInstance();
      case KEY -> {
        int size = DataUtils.readVarInt(buff);
        List<Object> parts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          parts.add(read(buff));
        }
        yield new KeyValue(parts);
      }
      case DOCUMENT -> bson(buff);
      case VALUE -> bson(buff).get(FIELD);
      case JAVA -> javaSerialized.read(buff);
      default -> throw new IllegalStateException("not a value of the claimdesk storage format (tag " + tag + " at "
          + (buff.position() - 1) + ")");
    };
  }

  private static Document bson(ByteBuffer buff) {
    ByteBuf in = Unpooled.wrappedBuffer(buff.slice());
    Document document = BsonDecoder.decodeBson(in);
    buff.position(buff.position() + in.readerIndex());
    return document;
  }

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue x && b instanceof KeyValue y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = compareValues(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    return compareValues(a, b);
  }

  private static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && !(a instanceof Decimal128) && !(b instanceof Decimal128)) {
      return compareNumbers(x, y);
    }
    return ValueComparator.ascWithoutListHandling().compare(a, b);
  }

  /** Exact, and a total order: NaN first, -0.0 equal to 0, a long and a double compared without rounding. */
  static int compareNumbers(Number a, Number b) {
    boolean aIntegral = !(a instanceof Double || a instanceof Float);
    boolean bIntegral = !(b instanceof Double || b instanceof Float);
    if (aIntegral && bIntegral) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (aIntegral) {
      return -compareDouble(b.doubleValue(), a.longValue());
    }
    if (bIntegral) {
      return compareDouble(a.doubleValue(), b.longValue());
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Boolean.compare(!Double.isNaN(x), !Double.isNaN(y));
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private static int compareDouble(double d, long l) {
    if (Double.isNaN(d)) {
      return -1;
    }
    if (d >= 0x1p63) {
      return 1;
    }
    if (d < -0x1p63) {
      return -1;
    }
    long whole = (long) d; // toward zero, exact in this range
    if (whole != l) {
      return Long.compare(whole, l);
    }
    double fraction = d - whole;
    return fraction > 0 ? 1 : fraction < 0 ? -1 : 0;
  }

  /** A rough count of the heap a value takes, for H2's page cache and page splits. */
  @Override
  public int getMemory(Object value) {
    return memory(value);
  }

  private static int memory(Object value) {
    if (value == null || value instanceof Missing || value instanceof Boolean) {
      return 8;
    }
    if (value instanceof String s) {
      return 48 + s.length();
    }
    if (value instanceof Map<?, ?> map) {
      int total = 64;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        total += 40 + memory(e.getKey()) + memory(e.getValue());
      }
      return total;
    }
    if (value instanceof Collection<?> list) {
      int total = 40;
      for (Object e : list) {
        total += 8 + memory(e);
      }
      return total;
    }
    if (value instanceof KeyValue key) {
      int total = 56;
      for (Object e : key) {
        total += 8 + memory(e);
      }
      return total;
    }
    if (value instanceof BinData bytes) {
      return 40 + bytes.getData().length;
    }
    return 32;
  }
}
