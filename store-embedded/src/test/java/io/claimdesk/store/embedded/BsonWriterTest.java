package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The writer must write what mongo-java-server's encoder writes, byte for byte: the encoder's decoder reads it. */
class BsonWriterTest {

  @Test
  void everyTypeIsWrittenAsTheEncoderWritesIt() {
    Document all = new Document("null", null).append("string", "plain").append("empty", "")
        .append("int", -7).append("long", 5_000_000_000L).append("double", -0.0).append("nan", Double.NaN)
        .append("true", true).append("false", false).append("at", Instant.ofEpochMilli(-1_234))
        .append("id", new ObjectId()).append("nested", new Document("a", new Document("b", List.of())))
        .append("list", List.of("a", 1, List.of(2L, new Document("x", null))))
        .append("set", new LinkedHashSet<>(List.of("z", "y", "x")))
        .append("binData", new BinData(new byte[] {4, 2}))
        .append("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"))
        .append("decimal", Decimal128.ONE).append("timestamp", new BsonTimestamp(Instant.ofEpochSecond(9), 3))
        .append("regex", new BsonRegularExpression("^a.*", "i")).append("min", MinKey.getInstance())
        .append("max", MaxKey.getInstance())
        .append("unicode", "é中\uD83D\uDE00 \u0000 \u007f\u0080\u07ff\u0800\uffff")
        .append("lone surrogates", "\uD83D x \uDE00 \uD83D").append("ключ é", "value");
    List<Object> manyItems = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      manyItems.add(i);
    }
    all.append("long list", manyItems);

    assertSameBytes(all);
    for (Map.Entry<String, Object> entry : all.entrySet()) {
      assertSameBytes(new Document("v", entry.getValue()));
    }
  }

  @Test
  void randomDocumentsAreWrittenAsTheEncoderWritesThem() {
    Random random = new Random(20261207);
    for (int i = 0; i < 2_000; i++) {
      assertSameBytes(randomDocument(random, 3));
    }
  }

  @Test
  void aValueOnItsOwnIsWrittenAsTheDocumentHoldingIt() {
    for (Object value : Arrays.asList(null, "s", 1, 2L, 3.0, true, Instant.EPOCH, new ObjectId(),
        List.of("x", List.of()), new Document("k", "v"), new BinData(new byte[] {1}))) {
      WriteBuffer out = new WriteBuffer();
      BsonWriter.single(out, "v", value);
      assertThat(bytes(out)).as("%s", value).isEqualTo(encoded(new Document("v", value)));
    }
  }

  @Test
  void theBufferGrowsUnderALongDocument() {
    Document big = new Document("text", "x".repeat(300_000)).append("more", "é".repeat(100_000));
    assertSameBytes(big);
  }

  private static void assertSameBytes(Document document) {
    WriteBuffer out = new WriteBuffer(16); // small, so that the writer must grow it
    out.put((byte) 9); // the writer writes after what is in the buffer already
    BsonWriter.document(out, document);
    byte[] written = bytes(out);
    byte[] expected = encoded(document);
    assertThat(written[0]).isEqualTo((byte) 9);
    assertThat(Arrays.copyOfRange(written, 1, written.length)).as("%s", document).isEqualTo(expected);
  }

  private static byte[] bytes(WriteBuffer out) {
    ByteBuffer buffer = out.getBuffer().duplicate().flip();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static byte[] encoded(Document document) {
    ByteBuf buffer = Unpooled.buffer();
    BsonEncoder.encodeDocument(document, buffer);
    return ByteBufUtil.getBytes(buffer);
  }

  private static Document randomDocument(Random random, int depth) {
    Document document = new Document();
    int fields = random.nextInt(8);
    for (int i = 0; i < fields; i++) {
      document.put(randomString(random, 6) + i, randomValue(random, depth));
    }
    return document;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 12 : 10);
    return switch (kind) {
      case 0 -> null;
      case 1 -> randomString(random, 40);
      case 2 -> random.nextInt();
      case 3 -> random.nextLong();
      case 4 -> Double.longBitsToDouble(random.nextLong());
      case 5 -> random.nextBoolean();
      case 6 -> Instant.ofEpochMilli(random.nextLong() >> 20);
      case 7 -> new ObjectId();
      case 8 -> new BinData(randomBytes(random));
      case 9 -> new Decimal128(random.nextLong(), random.nextLong());
      case 10 -> randomDocument(random, depth - 1);
      default -> {
        List<Object> list = new ArrayList<>();
        int items = random.nextInt(14);
        for (int i = 0; i < items; i++) {
          list.add(randomValue(random, depth - 1));
        }
        yield list;
      }
    };
  }

  /** Characters from every range: ASCII, two- and three-byte, surrogates paired and alone. */
  private static String randomString(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(switch (random.nextInt(5)) {
        case 0, 1 -> (char) (1 + random.nextInt(0x7f));
        case 2 -> (char) (0x80 + random.nextInt(0x780));
        case 3 -> (char) (0x800 + random.nextInt(0xf800));
        default -> random.nextBoolean() ? "\uD83D\uDE00" : String.valueOf((char) (0xd800 + random.nextInt(0x800)));
      });
    }
    return s.toString();
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(20)];
    random.nextBytes(bytes);
    return bytes;
  }
}
