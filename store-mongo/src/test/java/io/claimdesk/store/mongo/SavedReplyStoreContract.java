package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.savedreply.SavedReplyStore;
import org.junit.jupiter.api.Test;

/** What a {@link SavedReplyStore} must do: create, list by title, update and delete by id, unknown ids not found. */
interface SavedReplyStoreContract extends StoreFixture {

  @Test
  default void savedRepliesShouldBeListedByTitleIgnoringCaseAndFoundById() {
    SavedReplyStore store = stores().savedReplies();
    SavedReply refund = store.create("refund policy", "Refunds take 5 days.", "m1", T0);
    SavedReply hello = store.create("Hello", "Hello and thanks for writing.", "m1", T0);
    assertThat(store.all()).extracting(SavedReply::title).containsExactly("Hello", "refund policy");
    assertThat(store.find(refund.id())).contains(refund);
    assertThat(refund.updatedAt()).isEqualTo(T0);
    assertThat(store.find("not-an-id")).isEmpty();
    assertThat(store.find(hello.id()).orElseThrow().body()).isEqualTo("Hello and thanks for writing.");
  }

  @Test
  default void anUpdateShouldReplaceTitleAndBodyAndADeleteShouldRemoveOnlyThatOne() {
    SavedReplyStore store = stores().savedReplies();
    SavedReply a = store.create("A", "first", "m1", T0);
    SavedReply b = store.create("B", "second", "m1", T0);
    SavedReply changed = store.update(a.id(), "A2", "first, edited", "m2", T0.plusSeconds(60)).orElseThrow();
    assertThat(changed).isEqualTo(new SavedReply(a.id(), "A2", "first, edited", "m2", T0.plusSeconds(60)));
    assertThat(store.update("5f0000000000000000000000", "x", "y", "m2", T0)).isEmpty();
    assertThat(store.delete(a.id())).isTrue();
    assertThat(store.delete(a.id())).isFalse();
    assertThat(store.delete("nope")).isFalse();
    assertThat(store.all()).containsExactly(b);
  }
}
