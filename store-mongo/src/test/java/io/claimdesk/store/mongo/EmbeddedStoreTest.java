package io.claimdesk.store.mongo;

import io.claimdesk.store.testing.TestDatabase;

/** The store contract on the embedded server with its durable H2 file backend. */
class EmbeddedStoreTest extends ChatStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.embedded();
  }
}
