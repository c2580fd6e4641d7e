package io.claimdesk.store.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.store.embedded.EmbeddedMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database for tests: the embedded server on a fresh data directory, reached through the real driver exactly
 * as the app reaches it, or a database on a real MongoDB given by its connection string.
 */
public final class TestDatabase implements AutoCloseable {
  private final EmbeddedMongo embedded;
  private final Path dataDir;
  private final MongoClient client;
  private final MongoDatabase database;

  private TestDatabase(EmbeddedMongo embedded, Path dataDir, String uri, String databaseName) {
    this.embedded = embedded;
    this.dataDir = dataDir;
    this.client = MongoClients.create(uri);
    this.database = client.getDatabase(databaseName);
  }

  /** The embedded server with its durable H2 file backend in a new temporary directory. */
  public static TestDatabase embedded() {
    try {
      Path dir = Files.createTempDirectory("claimdesk-test-");
      EmbeddedMongo mongo = EmbeddedMongo.start(dir);
      return new TestDatabase(mongo, dir, mongo.connectionString(), "claimdesk");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, uniquely named database on a real MongoDB. */
  public static TestDatabase real(String uri) {
    return new TestDatabase(null, null, uri, "claimdesk_test_" + UUID.randomUUID().toString().replace("-", ""));
  }

  public MongoDatabase database() {
    return database;
  }

  public String connectionString() {
    return embedded == null ? null : embedded.connectionString();
  }

  @Override
  public void close() {
    if (embedded == null) {
      database.drop();
    }
    client.close();
    if (embedded != null) {
      embedded.close();
      deleteRecursively(dataDir);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
