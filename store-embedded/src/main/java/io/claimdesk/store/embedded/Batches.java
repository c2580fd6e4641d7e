package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes the batches of {@code find} and {@code getMore} as MongoDB does: a find that names no batch size gets 101
 * documents first, and no batch grows past 16 MB. mongo-java-server answers such a find or getMore with every
 * remaining document in one reply, and the driver refuses a reply over 48 MB: the scan of every ticket at start
 * failed at 100,000 tickets (55 MB). A batch is gathered from the server's own cursor in steps, each small enough
 * to stay under the limit at the documents' size so far. A batch size the client asks for is kept, up to 16 MB.
 */
final class Batches {
  static final int FIRST_BATCH = 101;
  static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
  /** Most documents taken from the server's cursor at once. */
  private static final int STEP = 64;
  private static final int SCRATCH_KEPT_BYTES = 1024 * 1024;
  private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

  /** One command of the server, as the wire would run it. */
  @FunctionalInterface
  interface Server {
    Document run(String command, Document query);
  }

  private Batches() {}

  /** Runs {@code command}; a find or getMore with its batch sized as above, others as they are. */
  static Document run(String command, Document query, Server server) {
    boolean find = "find".equals(command);
    if (!(find || "getMore".equals(command)) || (find && Boolean.TRUE.equals(query.get("singleBatch")))) {
      return server.run(command, query);
    }
    int asked = query.get("batchSize") instanceof Number n ? n.intValue() : 0;
    int wanted = asked > 0 ? asked : find ? FIRST_BATCH : Integer.MAX_VALUE;
    Document firstStep = new Document(query);
    firstStep.put("batchSize", Math.min(wanted, STEP));
    Document reply = server.run(command, firstStep);
    if (!(reply.get("cursor") instanceof Document cursor)) {
      return reply; // an error
    }
    String key = find ? "firstBatch" : "nextBatch";
    List<Document> batch = new ArrayList<>(documents(cursor.get(key)));
    long id = ((Number) cursor.get("id")).longValue();
    if (id == 0 || batch.size() >= wanted) {
      return reply;
    }
    String collection = (String) query.get(find ? "find" : "collection");
    long bytes = size(batch);
    while (id != 0 && batch.size() < wanted && bytes < MAX_BATCH_BYTES) {
      long perDocument = Math.max(1, bytes / Math.max(1, batch.size()));
      int step = (int) Math.max(1, Math.min(Math.min(STEP, wanted - batch.size()),
          (MAX_BATCH_BYTES - bytes) / perDocument));
      Document more = server.run("getMore", new Document("getMore", id).append("collection", collection)
          .append("batchSize", step));
      if (!(more.get("cursor") instanceof Document next)) {
        return more;
      }
      List<Document> docs = documents(next.get("nextBatch"));
      batch.addAll(docs);
      bytes += size(docs);
      id = ((Number) next.get("id")).longValue();
    }
    cursor.put(key, batch);
    cursor.put("id", id);
    return reply;
  }

  @SuppressWarnings("unchecked")
  private static List<Document> documents(Object batch) {
    return batch instanceof List<?> list ? (List<Document>) list : List.of();
  }

  /** The documents' size as BSON. */
  private static long size(List<Document> docs) {
    ByteBuf buffer = SCRATCH.get();
    long total = 0;
    for (Document doc : docs) {
      buffer.clear();
      BsonEncoder.encodeDocument(doc, buffer);
      total += buffer.writerIndex();
    }
    if (buffer.capacity() > SCRATCH_KEPT_BYTES) {
      SCRATCH.set(Unpooled.buffer(1024)); // a huge document's buffer is not kept for good
    }
    return total;
  }
}
