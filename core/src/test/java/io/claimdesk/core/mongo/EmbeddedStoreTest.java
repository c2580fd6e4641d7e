package io.claimdesk.core.mongo;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on the embedded server with its durable H2 file backend. */
class EmbeddedStoreTest implements StoreContract {
  private TestDatabase db;

  @BeforeEach
  void start() {
    db = TestDatabase.embedded();
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Override
  public MongoDatabase database() {
    return db.database();
  }
}
