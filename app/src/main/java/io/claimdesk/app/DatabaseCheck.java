package io.claimdesk.app;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The start-up check that MONGODB_URI answers. It pings through a client of its own whose server selection waits
 * {@link #TIMEOUT}, instead of the driver's default 30 s that the app's client keeps for its requests (riding out
 * a database restart is right for those, not for a start that will never succeed).
 */
final class DatabaseCheck {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private DatabaseCheck() {}

  /** Returns when the database answers a ping within {@link #TIMEOUT}; else throws a one-line StartupException. */
  static void ping(String uri, String database) {
    ConnectionString connection = new ConnectionString(uri);
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(connection)
        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .build();
    try (MongoClient probe = MongoClients.create(settings)) {
      probe.getDatabase(database).runCommand(new Document("ping", 1));
    } catch (MongoException e) {
      throw new StartupException("cannot reach the database at " + withoutCredentials(connection) + " within "
          + TIMEOUT.toSeconds() + " s (MONGODB_URI)", e);
    }
  }

  /** The scheme and hosts only: the URI may carry a password, and the log must not. */
  private static String withoutCredentials(ConnectionString connection) {
    boolean srv = Boolean.TRUE.equals(connection.isSrvProtocol());
    return (srv ? "mongodb+srv://" : "mongodb://") + String.join(",", connection.getHosts());
  }
}
