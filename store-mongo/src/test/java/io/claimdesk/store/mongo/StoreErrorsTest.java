package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.claimdesk.core.StoreUnavailableException;
import io.claimdesk.core.store.Stores;
import io.claimdesk.store.embedded.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A database that stops answering reaches the callers of every port as core's one exception, never a driver's. */
class StoreErrorsTest {

  @Test
  void aDatabaseThatIsGoneShouldFailEveryPortWithStoreUnavailableAndTheHealthCheckShouldSayDown() throws Exception {
    Path dir = Files.createTempDirectory("claimdesk-store-errors-");
    EmbeddedMongo server = EmbeddedMongo.start(dir);
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(server.connectionString()))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(s -> s.connectTimeout(300, TimeUnit.MILLISECONDS)).build();
    try (MongoClient client = MongoClients.create(settings)) {
      Stores stores = MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC());
      assertThat(stores.health().up()).isTrue();
      assertThat(stores.tickets().find("0123456789abcdef01234567")).isEmpty();

      server.close();

      assertThatThrownBy(() -> stores.tickets().find("0123456789abcdef01234567"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageStartingWith("TicketStore.find failed: ")
          .hasCauseInstanceOf(MongoException.class);
      assertThatThrownBy(() -> stores.messageIds().reserve("<a@example.org>", "0123456789abcdef01234567"))
          .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("MessageIndex.reserve failed: ");
      assertThat(stores.health().up()).isFalse();
    }
  }
}
