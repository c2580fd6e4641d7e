package io.claimdesk.store.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;

/**
 * Runs in a child JVM for {@link EmbeddedDurabilityTest}: starts the embedded database on a data directory,
 * inserts documents one at a time through the driver, prints {@code ack <n>} once each is acknowledged, and after
 * {@code count} documents ends with {@code Runtime.halt} (no shutdown hooks, no close), or keeps writing until
 * killed when count is 0. With a third argument {@code batched}, each acknowledged {@code n} is a job of nine
 * {@code j: false} inserts into {@code durability_steps} ({@code n * 100 + 1..9}) closed by a journaled insert of {@code n}.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      Runtime.getRuntime().halt(2); // the server's threads would keep a failed child alive
    }
  }

  private static void run(String[] args) {
    Path dataDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("durability");
    boolean batched = args.length > 2 && args[2].equals("batched");
    MongoCollection<Document> unjournaled = client.getDatabase("claimdesk").getCollection("durability_steps")
        .withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(false));
    for (int i = 1; count == 0 || i <= count; i++) {
      for (int step = 1; batched && step <= 9; step++) {
        unjournaled.insertOne(new Document("_id", i * 100 + step).append("payload", "step " + step + " of " + i));
      }
      docs.insertOne(new Document("_id", i).append("payload", "acknowledged write " + i));
      System.out.println("ack " + i);
      System.out.flush();
    }
    Runtime.getRuntime().halt(0);
  }
}
