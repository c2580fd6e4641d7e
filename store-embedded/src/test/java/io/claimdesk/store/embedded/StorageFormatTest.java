package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file written by claimdesk 0.1 (H2's Java serialization) opens, upgraded, with nothing lost. */
class StorageFormatTest {
  private static final ObjectId FIRST = new ObjectId("65a1b2c3d4e5f60718293a4b");

  @Test
  void aVersionOneFileIsUpgradedWithEveryDocumentAndIndex(@TempDir Path dataDir) {
    List<Document> written = writeWithVersionOne(dataDir, 2_500);

    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> threads = client.getDatabase("claimdesk").getCollection("threads");
      assertThat(threads.find().sort(new Document("_id", 1)).into(new ArrayList<>())).isEqualTo(written);
      assertThat(threads.find(Filters.eq("tag", "T00042")).first())
          .isEqualTo(written.stream().filter(d -> "T00042".equals(d.get("tag"))).findFirst().orElseThrow());
      // the unique index came along: a second document with a taken tag is refused, a free one is taken
      assertThatThrownBy(() -> threads.insertOne(new Document("_id", new ObjectId()).append("tag", "T00042")))
          .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
      threads.insertOne(new Document("_id", new ObjectId()).append("tag", "T99999"));
      assertThat(threads.countDocuments()).isEqualTo(2_501);
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> threads = client.getDatabase("claimdesk").getCollection("threads");
      assertThat(threads.countDocuments()).isEqualTo(2_501);
      assertThat(threads.find(Filters.eq("_id", FIRST)).first()).containsEntry("status", "resolved")
          .containsEntry("tag", "T00000");
    }
    MVStore store = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongo.FILE_NAME).toString()).readOnly()
        .open();
    try {
      assertThat(store.openMap(StorageFormat.MAP).get("version")).isEqualTo(StorageFormat.VERSION);
      assertThat(store.getMapNames()).noneMatch(name -> name.startsWith("upgrade."));
    } finally {
      store.close();
    }
  }

  @Test
  void aFileFromANewerClaimdeskIsRefusedAndLeftAlone(@TempDir Path dataDir) {
    MVStore store = MVStore.open(dataDir.resolve(EmbeddedMongo.FILE_NAME).toString());
    store.openMap(StorageFormat.MAP).put("version", StorageFormat.VERSION + 1);
    store.close();

    assertThatThrownBy(() -> EmbeddedMongo.start(dataDir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("written by a newer claimdesk (format 3, this one reads 2)");
  }

  /** The way claimdesk 0.1 stored data: mongo-java-server's own H2 backend. Returns the documents, by _id. */
  private static List<Document> writeWithVersionOne(Path dataDir, int count) {
    MVStore store = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongo.FILE_NAME).toString())
        .autoCommitDisabled().open();
    H2Backend backend = new H2Backend(store);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    List<Document> written = new ArrayList<>();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      MongoCollection<Document> threads = client.getDatabase("claimdesk").getCollection("threads");
      threads.createIndex(Indexes.ascending("tag"), new IndexOptions().unique(true).name("tag"));
      for (int i = 0; i < count; i++) {
        ObjectId id = i == 0 ? FIRST : new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i);
        Document doc = new Document("_id", id).append("tag", String.format("T%05d", i))
            .append("subject", "Ümlaut & <b>html</b> " + i).append("count", i).append("big", 5_000_000_000L + i)
            .append("ratio", i / 3.0).append("at", new Date(1_700_000_000_000L + i))
            .append("owner", i % 3 == 0 ? null : new Document("memberId", "m" + (i % 7)).append("name", "Ann"))
            .append("flags", List.of(true, false)).append("refs", List.of("<a@x>", "<b@x>"))
            .append("token", new Binary(new byte[] {(byte) i, 1, 2}))
            .append("events", List.of(new Document("type", "created").append("v", 1L)));
        threads.insertOne(doc);
        written.add(doc);
      }
      threads.updateOne(Filters.eq("_id", FIRST), new Document("$set", new Document("status", "resolved")));
      written.get(0).append("status", "resolved");
    } finally {
      backend.commit();
      server.shutdownNow();
    }
    written.sort((a, b) -> a.getObjectId("_id").compareTo(b.getObjectId("_id")));
    return written;
  }
}
