package io.claimdesk.core.embedded;

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

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
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
      // No background auto-commit: DurableH2Backend commits after every write, before acknowledging it.
      store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open the embedded database " + file.toAbsolutePath()
          + " (is another claimdesk using this DATA_DIR?): " + e.getMessage(), e);
    }
    MongoServer server = new MongoServer(new DurableH2Backend(store));
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    log.info("embedded MongoDB on {} with data in {}", address, file.toAbsolutePath());
    return new EmbeddedMongo(server, address);
  }

  /**
   * The same server keeping everything in memory, lost when it stops: for benchmarks that compare against the
   * durable store. Never used by the app.
   */
  public static EmbeddedMongo startInMemory() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new EmbeddedMongo(server, server.getLocalAddress());
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
