package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MongoDB-wire server in this process, keeping its data in {@code <dataDir>/claimdesk.mv.db}. */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
  static final String FILE_NAME = "claimdesk.mv.db";

  private final MongoServer server;
  private final InetSocketAddress address;
  private final DurableH2Backend backend;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address, DurableH2Backend backend) {
    this.server = server;
    this.address = address;
    this.backend = backend;
  }

  /** Opens (or creates) the database under {@code dataDir} and listens on a free loopback port. */
  public static EmbeddedMongo start(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create DATA_DIR " + dataDir.toAbsolutePath(), e);
    }
    MVStore store;
    try {
      // No H2 background writer: its commits would not wait for a command to finish. DurableH2Backend commits
      // (before acknowledging a write, or within 100 ms for j:false) and compacts.
      store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open the embedded database " + file.toAbsolutePath()
          + " (is another claimdesk using this DATA_DIR?): " + e.getMessage(), e);
    }
    try {
      StorageFormat.upgrade(store);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw new IllegalStateException("cannot upgrade the embedded database " + file.toAbsolutePath() + ": "
          + e.getMessage(), e);
    }
    DurableH2Backend backend = new DurableH2Backend(store);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    log.info("embedded MongoDB on {} with data in {}", address, file.toAbsolutePath());
    return new EmbeddedMongo(server, address, backend);
  }

  /**
   * The same server keeping everything in memory, lost when it stops: for benchmarks that compare against the
   * durable store. Never used by the app.
   */
  public static EmbeddedMongo startInMemory() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new EmbeddedMongo(server, server.getLocalAddress(), null);
  }

  /** True while some acknowledged write is not yet in the file (only {@code j: false} writes, briefly). */
  boolean hasUnsavedChanges() {
    return backend != null && backend.getMvStore().hasUnsavedChanges();
  }

  /** Commits of the file so far (for tests). */
  long commits() {
    return backend == null ? 0 : backend.commits();
  }

  /** The connection string for the MongoDB driver. */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /** Stops listening and closes the store, saving everything. */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
