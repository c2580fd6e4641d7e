package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.contact.ContactStore.Outcome;
import io.claimdesk.core.contact.ContactUpdate;
import io.claimdesk.core.store.Stores;
import java.util.List;
import java.util.Optional;
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

  @Test
  default void createShouldRefuseAnAddressOrNumberAnotherContactHoldsAndKeepNothing() {
    ContactStore contacts = stores().contacts();
    Contact ana = saved(contacts.create(new Contact(null, "Ana", List.of("Ana@Example.org"), List.of("+14155550101"),
        "VIP")));

    Outcome sameEmail = contacts.create(new Contact(null, "Other", List.of("new@example.org", "ana@example.org"),
        List.of("+14155550102"), null));
    Outcome samePhone = contacts.create(new Contact(null, "Other", List.of("new@example.org"),
        List.of("+14155550102", "+14155550101"), null));

    assertThat(sameEmail).isEqualTo(new Outcome.Taken("ana@example.org"));
    assertThat(samePhone).isEqualTo(new Outcome.Taken("+14155550101"));
    assertThat(contacts.count()).isEqualTo(1);
    assertThat(contacts.findByEmail("new@example.org")).isEmpty();
    assertThat(contacts.findByPhone("+14155550102")).isEmpty();
    assertThat(ana.emails()).containsExactly("ana@example.org");
    assertThat(contacts.find(ana.id())).contains(ana);
    // the refused values were given back: a later contact may have them
    Contact other = saved(contacts.create(new Contact(null, "Other", List.of("new@example.org"),
        List.of("+14155550102"), null)));
    assertThat(contacts.findByPhone("+14155550102")).contains(other);
  }

  @Test
  default void updateShouldMoveTheEmailAndPhoneKeysWithTheContact() {
    ContactStore contacts = stores().contacts();
    Contact ana = saved(contacts.create(new Contact(null, "Ana", List.of("ana@example.org"),
        List.of("+14155550101"), null)));
    Contact bo = saved(contacts.create(new Contact(null, "Bo", List.of("bo@example.org"), List.of(), null)));

    Contact changed = saved(contacts.update(ana.id(), new ContactUpdate(Optional.of("Ana Diaz"),
        Optional.of(List.of("ana.diaz@example.org")), Optional.of(List.of("+14155550103", "+14155550101")),
        Optional.of("calls mornings"))));
    Outcome refused = contacts.update(ana.id(), ContactUpdate.none().withEmails(List.of("bo@example.org")));

    assertThat(changed).isEqualTo(new Contact(ana.id(), "Ana Diaz", List.of("ana.diaz@example.org"),
        List.of("+14155550103", "+14155550101"), "calls mornings"));
    assertThat(contacts.findByEmail("ana@example.org")).isEmpty();
    assertThat(contacts.findByEmail("ANA.DIAZ@example.org")).contains(changed);
    assertThat(contacts.findByPhone("+14155550103")).contains(changed);
    assertThat(refused).isEqualTo(new Outcome.Taken("bo@example.org"));
    assertThat(contacts.find(ana.id())).contains(changed);
    assertThat(contacts.findByEmail("bo@example.org")).contains(bo);
    assertThat(contacts.update("0123456789abcdef01234567", ContactUpdate.none())).isEqualTo(new Outcome.NotFound());
    assertThat(contacts.update("not-an-id", ContactUpdate.none())).isEqualTo(new Outcome.NotFound());
    // the address Ana gave up is free again
    assertThat(saved(contacts.create(new Contact(null, "Another Ana", List.of("ana@example.org"), List.of(), null)))
        .emails()).containsExactly("ana@example.org");
  }

  @Test
  default void searchShouldMatchNameOrEmailAsPlainTextIgnoringCase() {
    ContactStore contacts = stores().contacts();
    Contact carla = saved(contacts.create(new Contact(null, "Carla Diaz", List.of("carla@example.org"), List.of(),
        null)));
    Contact dot = saved(contacts.create(new Contact(null, "Dot.Com (Ltd)", List.of("info@dotcom.example"),
        List.of(), null)));
    Contact ed = saved(contacts.create(new Contact(null, "Ed", List.of("ed@DIAZ.example"), List.of(), null)));

    assertThat(contacts.search("DIAZ", 10)).containsExactly(carla, ed);
    assertThat(contacts.search("dotcom.EXAMPLE", 10)).containsExactly(dot);
    assertThat(contacts.search("(Ltd)", 10)).containsExactly(dot);
    assertThat(contacts.search(".*", 10)).isEmpty();
    assertThat(contacts.search("a", 2)).hasSize(2);
    assertThat(contacts.search("", 10)).containsExactly(carla, dot, ed);
  }

  private static Contact saved(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Saved.class);
    return ((Outcome.Saved) outcome).contact();
  }
}
