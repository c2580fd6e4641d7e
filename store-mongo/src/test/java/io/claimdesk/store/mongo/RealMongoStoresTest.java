package io.claimdesk.store.mongo;

import io.claimdesk.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Every port contract on a real MongoDB: the one at {@code MONGODB_TEST_URI}, else a Testcontainers MongoDB when
 * Docker is available. Skipped, not failed, when there is neither. Each test gets a new, uniquely named database.
 */
@EnabledIf(value = "realMongoAvailable", disabledReason = "no MONGODB_TEST_URI and no Docker")
class RealMongoStoresTest extends FreshStoresEachTest implements EveryPortContract {
  private static MongoDBContainer container;
  private static String uri;

  static boolean realMongoAvailable() {
    String configured = System.getenv("MONGODB_TEST_URI");
    return (configured != null && !configured.isBlank()) || DockerClientFactory.instance().isDockerAvailable();
  }

  @BeforeAll
  static void findMongo() {
    uri = System.getenv("MONGODB_TEST_URI");
    if (uri == null || uri.isBlank()) {
      container = new MongoDBContainer("mongo:7.0");
      container.start();
      uri = container.getReplicaSetUrl();
    }
  }

  @AfterAll
  static void stopMongo() {
    if (container != null) {
      container.stop();
    }
  }

  @Override
  TestStores openStores() {
    return TestStores.on(TestDatabase.real(uri));
  }
}
