package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire server in this process, keeping its data in {@code <dataDir>/claimdesk.mv.db}.
 *
 * <p>Its loopback port is reachable by every local user, so it answers only clients that authenticate with a
 * password drawn at random at each start, held in memory only and never logged: {@link #connectionString()}
 * carries it (SASL PLAIN, user {@code claimdesk}), so the driver presents it on every connection and callers
 * change nothing. {@link PasswordGate} checks it once per connection. This was chosen over the two alternatives:
 * a Unix domain socket in a 0700 directory needs a native library in the driver ({@code jnr-unixsocket}) and
 * socket paths under 108 bytes, which a deep {@code DATA_DIR} exceeds; a secret in the driver's {@code appName}
 * would be logged by the driver itself (its INFO line "MongoClient with metadata ... created with settings ..."
 * names the application), while it prints a password as {@code <hidden>}.
 *
 * <p>A second, plain listener ({@code EMBEDDED_MONGO_ADDRESS}) is for tools that cannot authenticate; anyone who
 * reaches it can read and change everything, which start-up says in a WARN line.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
  static final String FILE_NAME = "claimdesk.mv.db";
  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

  private final WireServer server;
  private final InetSocketAddress address;
  private final String password;
  private final DurableH2Backend backend;

  private EmbeddedMongo(WireServer server, InetSocketAddress address, String password, DurableH2Backend backend) {
    this.server = server;
    this.address = address;
    this.password = password;
    this.backend = backend;
  }

  /** Opens (or creates) the database under {@code dataDir} and listens on a free loopback port. */
  public static EmbeddedMongo start(Path dataDir) {
    return start(dataDir, null);
  }

  /**
   * Opens (or creates) the database under {@code dataDir}, listens on a free loopback port for clients with the
   * password, and, when {@code plainAddress} is not null, also on that address for any client at all.
   */
  public static EmbeddedMongo start(Path dataDir, InetSocketAddress plainAddress) {
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
    EmbeddedMongo mongo = listen(backend, backend);
    log.info("embedded MongoDB on {} (password-protected) with data in {}", mongo.address, file.toAbsolutePath());
    if (plainAddress != null) {
      mongo.listenPlain(plainAddress);
    }
    return mongo;
  }

  /**
   * The same server keeping everything in memory, lost when it stops: for benchmarks that compare against the
   * durable store. Never used by the app.
   */
  public static EmbeddedMongo startInMemory() {
    return listen(new MemoryBackend(), null);
  }

  private static EmbeddedMongo listen(MongoBackend backend, DurableH2Backend durable) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // URL-safe Base64: nothing to escape in a connection string
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] expected = password.getBytes(StandardCharsets.UTF_8);
    WireServer server = new WireServer(backend);
    try {
      InetSocketAddress address = server.listen(ANY_LOOPBACK_PORT, () -> new PasswordGate(expected));
      return new EmbeddedMongo(server, address, password, durable);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Also accepts every client on {@code plainAddress}; on failure closes the database and says why. */
  private void listenPlain(InetSocketAddress plainAddress) {
    InetSocketAddress bound;
    try {
      bound = server.listen(plainAddress, null);
    } catch (Exception e) { // Netty rethrows the BindException undeclared
      close();
      throw new IllegalStateException("cannot listen on EMBEDDED_MONGO_ADDRESS " + plainAddress.getHostString()
          + ":" + plainAddress.getPort() + ": " + e.getMessage(), e);
    }
    log.warn("EMBEDDED_MONGO_ADDRESS: the embedded MongoDB also accepts connections WITHOUT a password on {}:{}:"
        + " anyone who can reach that address can read and change all data{}", bound.getHostString(),
        bound.getPort(), bound.getAddress().isLoopbackAddress() ? " (every local user)"
            : " (not a loopback address: other machines too)");
  }

  /** True while some acknowledged write is not yet in the file (only {@code j: false} writes, briefly). */
  boolean hasUnsavedChanges() {
    return backend != null && backend.getMvStore().hasUnsavedChanges();
  }

  /** Commits of the file so far (for tests). */
  long commits() {
    return backend == null ? 0 : backend.commits();
  }

  /**
   * The connection string for the MongoDB driver, with this start's password in it: never log it (the driver
   * itself prints the password as {@code <hidden>}).
   */
  public String connectionString() {
    return "mongodb://" + PasswordGate.USER + ":" + password + "@127.0.0.1:" + address.getPort()
        + "/?authMechanism=PLAIN&authSource=%24external";
  }

  /** Stops listening, closes every connection and closes the store, saving everything. */
  @Override
  public void close() {
    server.close();
  }
}
