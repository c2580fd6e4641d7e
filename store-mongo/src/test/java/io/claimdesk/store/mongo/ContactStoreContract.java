package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.store.Stores;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ContactStore} must do: contacts found by phone and email, one contact per sender address, also when
 * a crash lost the contact an address key points to.
 */
interface ContactStoreContract extends StoreFixture {
  @Test
  default void contactsShouldBeFoundByPhoneAndEmail() {
    Stores stores = stores();
    Contact contact = stores.contacts().insert(
        new Contact(null, "Carla", List.of("Carla@Example.org"), List.of("+14155550100"), null));

    assertThat(stores.contacts().findByPhone("+14155550100")).contains(contact);
    assertThat(stores.contacts().findByEmail("carla@example.org")).contains(contact);
    assertThat(stores.contacts().findByPhone("+14155550199")).isEmpty();
  }

  @Test
  default void sendersShouldBecomeOneContactPerAddressNamedByTheFirstNameGiven() {
    Stores stores = stores();
    Contact known = stores.contacts().insert(new Contact(null, null, List.of("ana@example.org"), List.of(), null));
    Contact named = stores.contacts().insert(new Contact(null, "Bo", List.of("bo@example.org"), List.of(), null));

    Contact carla = stores.contacts().recordSender("Carla@Example.org", "");
    Contact ana = stores.contacts().recordSender("ana@example.org", "Ana");
    Contact carlaNamed = stores.contacts().recordSender("carla@example.org ", "Carla Diaz");
    Contact bo = stores.contacts().recordSender("bo@example.org", "Bob");
    Contact carlaAgain = stores.contacts().recordSender("carla@example.org", "Someone Else");
    List<Contact> recorded = List.of(carlaAgain, ana, bo);

    assertThat(carla.id()).isEqualTo(carlaNamed.id()).isEqualTo(carlaAgain.id());
    assertThat(carlaNamed).isEqualTo(carlaAgain);
    assertThat(recorded).extracting(Contact::emails).containsExactly(List.of("carla@example.org"),
        List.of("ana@example.org"), List.of("bo@example.org"));
    assertThat(recorded).extracting(Contact::name).containsExactly("Carla Diaz", "Ana", "Bo");
    assertThat(recorded.get(1).id()).isEqualTo(known.id());
    assertThat(recorded.get(2)).isEqualTo(named);
    assertThat(stores.contacts().count()).isEqualTo(3);
    assertThat(stores.contacts().findByEmail("CARLA@example.org")).contains(recorded.get(0));
    assertThat(stores.contacts().findByEmail("ana@example.org").orElseThrow().name()).isEqualTo("Ana");
    // again: nothing new, nothing renamed
    assertThat(stores.contacts().recordSender("carla@example.org", "Carla D.")).isEqualTo(recorded.get(0));
    assertThat(stores.contacts().count()).isEqualTo(3);
  }

  @Test
  default void aSendersKeyWhoseContactACrashLostShouldGetItsContactBack() {
    Stores stores = stores();
    database().getCollection("contact_emails").insertOne(new Document("_id", "dana@example.org")
        .append("contactId", new ObjectId()));

    Contact dana = stores.contacts().recordSender("dana@example.org", "Dana");

    assertThat(stores.contacts().findByEmail("dana@example.org")).contains(dana);
    assertThat(dana.name()).isEqualTo("Dana");
    assertThat(stores.contacts().count()).isEqualTo(1);
  }
}
