package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import org.junit.jupiter.api.Test;

/** What a {@link io.claimdesk.core.chat.DeliveryLog} must do: a delivery is the first only the first time. */
interface DeliveryLogContract extends StoreFixture {
  @Test
  default void aDeliveryShouldBeFirstOnlyOnce() {
    Stores stores = stores();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-1")).isTrue();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-1")).isFalse();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-2")).isTrue();
  }
}
