package io.claimdesk.core.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;

/**
 * Runs in a child JVM for {@link EmbeddedDurabilityTest}: starts the embedded database on a data directory,
 * inserts documents one at a time through the driver, prints {@code ack <n>} once each is acknowledged, and after
 * {@code count} documents ends with {@code Runtime.halt} (no shutdown hooks, no close), or keeps writing until
 * killed when count is 0.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("durability");
    for (int i = 1; count == 0 || i <= count; i++) {
      docs.insertOne(new Document("_id", i).append("payload", "acknowledged write " + i));
      System.out.println("ack " + i);
      System.out.flush();
    }
    Runtime.getRuntime().halt(0);
  }
}
