package io.claimdesk.store.mongo;

import io.claimdesk.store.testing.TestDatabase;

/** Every port contract on the embedded server with its durable H2 file backend; each test gets an empty database. */
class EmbeddedStoresTest extends FreshStoresEachTest implements EveryPortContract {
  @Override
  TestStores openStores() {
    return TestStores.on(TestDatabase.embedded());
  }
}
