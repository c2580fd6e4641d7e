package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.store.Stores;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** What a {@link MessageIndex} must do: a Message-ID reserved once, alone or with others, for its first thread. */
interface MessageIndexContract extends StoreFixture {
  @Test
  default void aMessageIdShouldBeReservedOnceAndAFurtherReservationShouldReturnTheFirst() {
    Stores stores = stores();
    String first = new ObjectId().toHexString();

    MessageIndex.Entry made = stores.messageIds().reserve("<once@example.org>", first);
    MessageIndex.Entry again = stores.messageIds().reserve("<once@example.org>", new ObjectId().toHexString());
    stores.messageIds().markStored("<once@example.org>");
    MessageIndex.Entry afterStored = stores.messageIds().reserve("<once@example.org>", new ObjectId().toHexString());

    assertThat(made).isEqualTo(new MessageIndex.Entry("<once@example.org>", first, false));
    assertThat(again).as("the first reservation's thread").isEqualTo(made);
    assertThat(afterStored).isEqualTo(new MessageIndex.Entry("<once@example.org>", first, true));
    assertThat(database().getCollection("message_ids").countDocuments()).isEqualTo(1);
  }

  @Test
  default void messageIdsReservedInARowShouldEachGetTheEntryAsItNowStands() {
    Stores stores = stores();
    String first = new ObjectId().toHexString();
    stores.messageIds().reserve("<taken@example.org>", first);
    stores.messageIds().markStored("<taken@example.org>");
    Map<String, String> threads = new LinkedHashMap<>();
    threads.put("<one@example.org>", new ObjectId().toHexString());
    threads.put("<taken@example.org>", new ObjectId().toHexString());
    threads.put("<two@example.org>", new ObjectId().toHexString());

    Map<String, MessageIndex.Entry> reserved = new LinkedHashMap<>();
    threads.forEach((messageId, threadId) -> reserved.put(messageId, stores.messageIds().reserve(messageId, threadId)));

    assertThat(reserved).containsOnly(
        Map.entry("<one@example.org>", new MessageIndex.Entry("<one@example.org>", threads.get("<one@example.org>"),
            false)),
        Map.entry("<taken@example.org>", new MessageIndex.Entry("<taken@example.org>", first, true)),
        Map.entry("<two@example.org>", new MessageIndex.Entry("<two@example.org>", threads.get("<two@example.org>"),
            false)));
    assertThat(stores.messageIds().find("<two@example.org>")).contains(reserved.get("<two@example.org>"));
    assertThat(database().getCollection("message_ids").countDocuments()).isEqualTo(3);
  }
}
