package io.claimdesk.store.mongo;

import io.claimdesk.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Every port contract on the embedded server with its durable H2 file backend; each test gets an empty database. */
class EmbeddedStoresTest implements TicketStoreContract, TicketQueueContract, TicketMessagesContract,
    EventOutboxContract, TeamStoreContract, ContactStoreContract, MessageIndexContract, ChatSyncStoreContract,
    DeliveryLogContract {
  private TestStores testStores;

  @BeforeEach
  void open() {
    testStores = TestStores.on(TestDatabase.embedded());
  }

  @AfterEach
  void close() {
    testStores.close();
  }

  @Override
  public TestStores testStores() {
    return testStores;
  }
}
