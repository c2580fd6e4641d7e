package io.claimdesk.store.mongo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A backend's run of the port contracts: stores on an empty database opened before each test, closed after it. */
abstract class FreshStoresEachTest implements StoreFixture {
  private TestStores testStores;

  /** The stores of a new, empty database of the backend under test. */
  abstract TestStores openStores();

  @BeforeEach
  final void open() {
    testStores = openStores();
  }

  @AfterEach
  final void close() {
    testStores.close();
  }

  @Override
  public final TestStores testStores() {
    return testStores;
  }
}
