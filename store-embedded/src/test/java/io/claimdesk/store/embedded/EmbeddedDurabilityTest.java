package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes to the embedded database survive a killed process and a normal restart. */
class EmbeddedDurabilityTest {

  @Test
  void acknowledgedWritesSurviveRuntimeHalt(@TempDir Path dataDir) throws Exception {
    ChildRun run = runChild(dataDir, 500, -1, "single");

    assertThat(run.exitCode).isZero();
    assertThat(run.acked).hasSize(500);
    assertThat(storedIds(dataDir)).containsAll(run.acked).hasSize(500);
  }

  @Test
  void acknowledgedWritesSurviveKillDashNine(@TempDir Path dataDir) throws Exception {
    ChildRun run = runChild(dataDir, 0, 500, "single");

    assertThat(run.acked).hasSizeGreaterThanOrEqualTo(500);
    Set<Integer> stored = storedIds(dataDir);
    assertThat(stored).containsAll(run.acked);
    // acks still in the pipe when the kill closed it were not counted; whatever landed is a prefix without holes
    assertThat(stored).hasSize(java.util.Collections.max(stored));
  }

  @Test
  void unjournaledStepsSurviveWithTheJournaledWriteThatClosesThem(@TempDir Path dataDir) throws Exception {
    ChildRun run = runChild(dataDir, 0, 200, "batched");

    assertThat(run.acked).hasSizeGreaterThanOrEqualTo(200);
    Set<Integer> jobs = storedIds(dataDir, "durability");
    Set<Integer> steps = storedIds(dataDir, "durability_steps");
    for (int job : run.acked) {
      assertThat(jobs).contains(job);
      assertThat(steps).as("steps of job %d", job).contains(job * 100 + 1, job * 100 + 5, job * 100 + 9);
    }
  }

  @Test
  void unjournaledWritesAreCommittedWithinAFlushInterval(@TempDir Path dataDir) throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("durability")
          .withWriteConcern(com.mongodb.WriteConcern.ACKNOWLEDGED.withJournal(false));
      docs.insertOne(new Document("_id", 1));
      assertThat(docs.find().first()).isNotNull(); // acknowledged means applied: readable at once
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
      while (mongo.hasUnsavedChanges() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(mongo.hasUnsavedChanges()).as("committed by the flusher").isFalse();
    }
  }

  @Test
  void unjournaledWritesShareCommitsAndJournaledOnesEachHaveOne(@TempDir Path dataDir) throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("durability");
      MongoCollection<Document> unjournaled = docs.withWriteConcern(
          com.mongodb.WriteConcern.ACKNOWLEDGED.withJournal(false));
      docs.insertOne(new Document("_id", 0)); // the collection and its index exist
      long before = mongo.commits();
      long started = System.nanoTime();
      for (int i = 1; i <= 100; i++) {
        unjournaled.insertOne(new Document("_id", i));
      }
      long flushIntervals = (System.nanoTime() - started) / 1_000_000 / DurableH2Backend.FLUSH_MILLIS + 1;
      long deferred = mongo.commits() - before;
      assertThat(deferred).as("commits for 100 j:false inserts").isLessThanOrEqualTo(flushIntervals);
      assertThat(deferred).isLessThan(100);

      before = mongo.commits();
      for (int i = 101; i <= 150; i++) {
        docs.insertOne(new Document("_id", i));
      }
      assertThat(mongo.commits() - before).as("commits for 50 journaled inserts, one at a time").isEqualTo(50);

      // eight writers at once: each insert acknowledged only once committed, commits shared between them
      before = mongo.commits();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          int first = 1000 + w * 50;
          done.add(writers.submit(() -> {
            for (int i = first; i < first + 50; i++) {
              docs.insertOne(new Document("_id", i));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        writers.shutdownNow();
      }
      assertThat(docs.countDocuments(new Document("_id", new Document("$gte", 1000)))).isEqualTo(400);
      assertThat(mongo.commits() - before).as("commits for 400 journaled inserts from 8 writers").isLessThan(400);
    }
  }

  @Test
  void aggregationsWithoutOutOrMergeAreReads() {
    assertThat(DurableH2Backend.reads("aggregate", command("pipeline", List.of(command("$match", command("stored",
        true)), command("$group", command("_id", 1)))))).isTrue();
    assertThat(DurableH2Backend.reads("aggregate", command("pipeline", List.of(command("$out", "copy"))))).isFalse();
    assertThat(DurableH2Backend.reads("aggregate", command("pipeline", List.of(command("$merge", "copy")))))
        .isFalse();
    assertThat(DurableH2Backend.reads("find", command("find", "tickets"))).isTrue();
    assertThat(DurableH2Backend.reads("insert", command("insert", "tickets"))).isFalse();
  }

  /** A command as the embedded server receives it (its own document type, not the driver's). */
  private static de.bwaldvogel.mongo.bson.Document command(String key, Object value) {
    return new de.bwaldvogel.mongo.bson.Document(key, value);
  }


  @Test
  void dataSurvivesANormalRestart(@TempDir Path dataDir) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> docs = client.getDatabase("claimdesk").getCollection("durability");
      for (int i = 1; i <= 100; i++) {
        docs.insertOne(new Document("_id", i));
      }
      docs.deleteOne(new Document("_id", 50));
    }
    Set<Integer> stored = storedIds(dataDir);
    assertThat(stored).hasSize(99).doesNotContain(50).contains(1, 49, 51, 100);
  }

  private record ChildRun(List<Integer> acked, int exitCode) {}

  /** Runs {@link DurabilityChild}; with {@code killAfter} > 0 it is killed with SIGKILL after that many acks. */
  private static ChildRun runChild(Path dataDir, int count, int killAfter, String mode)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DurabilityChild.class.getName(), dataDir.toString(), Integer.toString(count), mode)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<Integer> acked = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          acked.add(Integer.parseInt(line.substring(4)));
          if (acked.size() == killAfter) {
            child.destroyForcibly(); // SIGKILL on Linux; it also closes our end of the pipe
            break;
          }
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
    return new ChildRun(acked, child.exitValue());
  }

  private static Set<Integer> storedIds(Path dataDir) {
    return storedIds(dataDir, "durability");
  }

  private static Set<Integer> storedIds(Path dataDir, String collection) {
    Set<Integer> ids = new HashSet<>();
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      client.getDatabase("claimdesk").getCollection(collection).find()
          .forEach(doc -> ids.add(doc.getInteger("_id")));
    }
    return ids;
  }
}
