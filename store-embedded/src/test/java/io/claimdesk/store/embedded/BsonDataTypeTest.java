package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonDataTypeTest {
  private final BsonDataType type = BsonDataType.INSTANCE;

  @Test
  void everyKindOfValueComesBackEqual() {
    Document nested = new Document("name", "Ann \u00e9\u4e2d").append("at", Instant.ofEpochMilli(1_700_000_000_123L))
        .append("n", 3).append("big", 5_000_000_000L).append("ratio", 0.25).append("none", null)
        .append("list", new ArrayList<>(List.of("a", 1, new Document("x", true))))
        .append("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
    List<Object> values = Arrays.asList(null, Missing.getInstance(), "plain", 42, 42L, 1.5, true,
        new ObjectId(), Instant.ofEpochMilli(0), nested, new KeyValue("tag", 7, null),
        new KeyValue(new ObjectId(), Missing.getInstance()), 'c');

    WriteBuffer out = new WriteBuffer();
    type.write(out, values.toArray(), values.size());
    ByteBuffer in = out.getBuffer().flip();
    Object[] back = new Object[values.size()];
    type.read(in, back, back.length);

    assertThat(back).containsExactlyElementsOf(values);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void numbersCompareExactlyInOneTotalOrder() {
    assertThat(type.compare(1, 1L)).isZero();
    assertThat(type.compare(1L, 1.0)).isZero();
    assertThat(type.compare(-0.0, 0L)).isZero();
    assertThat(type.compare(1L, 1.5)).isNegative();
    assertThat(type.compare(2.5, 2L)).isPositive();
    assertThat(type.compare(-2.5, -2L)).isNegative();
    long big = (1L << 53) + 1; // not a double: it rounds to 2^53
    assertThat(type.compare(big, (double) (1L << 53))).isPositive();
    assertThat(type.compare((double) (1L << 53), big)).isNegative();
    assertThat(type.compare(Double.NaN, Long.MIN_VALUE)).isNegative();
    assertThat(type.compare(Double.NaN, Double.NEGATIVE_INFINITY)).isNegative();
    assertThat(type.compare(Double.NaN, Double.NaN)).isZero();
    assertThat(type.compare(Long.MAX_VALUE, 0x1p63)).isNegative();
    assertThat(type.compare(Double.POSITIVE_INFINITY, Long.MAX_VALUE)).isPositive();
  }

  @Test
  void keysCompareValueByValueInMongoOrder() {
    assertThat(type.compare(new KeyValue("a", 1), new KeyValue("a", 2))).isNegative();
    assertThat(type.compare(new KeyValue("b"), new KeyValue("a", 2))).isPositive();
    assertThat(type.compare(new KeyValue("a"), new KeyValue("a", 2))).isNegative();
    assertThat(type.compare(new KeyValue(1), new KeyValue("1"))).isNegative(); // numbers before strings
    assertThat(type.compare(new KeyValue((Object) null), new KeyValue(Missing.getInstance()))).isZero();
    ObjectId first = new ObjectId("65a1b2c3d4e5f60718293a4b");
    ObjectId second = new ObjectId("65a1b2c3d4e5f60718293a4c");
    assertThat(type.compare(first, second)).isNegative();
  }
}
