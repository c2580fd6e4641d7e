package io.claimdesk.core.mongo;

import io.claimdesk.core.testing.TestDatabase;

/** The store contract on the embedded server with its durable H2 file backend. */
class EmbeddedStoreTest extends ChatStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.embedded();
  }
}
