package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan larger than one reply can carry (the driver refuses a reply over 48 MB; the ticket scan at start reached
 * 55 MB at 100,000 tickets) must arrive in batches, as MongoDB sends it: 101 documents first, then up to 16 MB.
 */
class EmbeddedBatchesTest {
  private static final int DOCS = 300;
  private static final String TEXT = "x".repeat(200 * 1024);

  @Test
  void aScanOfSixtyMegabytesShouldArriveWholeInBatches(@TempDir Path dataDir) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("big");
      for (int i = 0; i < DOCS; i += 50) {
        List<Document> some = new ArrayList<>();
        for (int j = i; j < i + 50; j++) {
          some.add(new Document("_id", j).append("text", TEXT));
        }
        docs.insertMany(some);
      }

      List<Integer> ids = new ArrayList<>();
      docs.find().sort(Sorts.ascending("_id")).forEach(d -> ids.add(d.getInteger("_id")));
      assertThat(ids).hasSize(DOCS).isSorted().doesNotHaveDuplicates();

      List<Integer> filtered = new ArrayList<>();
      docs.find(Filters.gte("_id", 100)).forEach(d -> filtered.add(d.getInteger("_id")));
      assertThat(filtered).hasSize(DOCS - 100);
    }
  }

  @Test
  void batchesShouldBeMongoDbsSizesAndAskedSizesShouldBeKept(@TempDir Path dataDir) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      var db = client.getDatabase("claimdesk");
      MongoCollection<Document> small = db.getCollection("small");
      List<Document> many = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        many.add(new Document("_id", i));
      }
      small.insertMany(many);

      Document first = db.runCommand(new Document("find", "small"));
      Document cursor = first.get("cursor", Document.class);
      assertThat(cursor.getList("firstBatch", Document.class)).hasSize(101);
      long id = cursor.getLong("id");
      assertThat(id).isNotZero();
      Document rest = db.runCommand(new Document("getMore", id).append("collection", "small"));
      assertThat(rest.get("cursor", Document.class).getList("nextBatch", Document.class)).hasSize(899);
      assertThat(rest.get("cursor", Document.class).getLong("id")).isZero();

      Document asked = db.runCommand(new Document("find", "small").append("batchSize", 250));
      assertThat(asked.get("cursor", Document.class).getList("firstBatch", Document.class)).hasSize(250);
      Document askedMore = db.runCommand(new Document("getMore", asked.get("cursor", Document.class).getLong("id"))
          .append("collection", "small").append("batchSize", 300));
      assertThat(askedMore.get("cursor", Document.class).getList("nextBatch", Document.class)).hasSize(300);

      Document single = db.runCommand(new Document("find", "small").append("limit", 500).append("singleBatch", true));
      assertThat(single.get("cursor", Document.class).getList("firstBatch", Document.class)).hasSize(500);
      assertThat(single.get("cursor", Document.class).getLong("id")).isZero();

      assertThat(small.find(Filters.eq("_id", 7)).first()).isEqualTo(new Document("_id", 7));
      try (MongoCursor<Document> all = small.find().iterator()) {
        int n = 0;
        while (all.hasNext()) {
          all.next();
          n++;
        }
        assertThat(n).isEqualTo(1_000);
      }
    }
  }
}
