package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.chat.ChatMessageState;
import io.claimdesk.core.chat.ChatSyncStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ChatSyncStore} must do: lease a ticket's chat message to one holder at a time, and keep it behind
 * until the version last wanted is the one shown.
 */
interface ChatSyncStoreContract extends StoreFixture {
  String TARGET = "slack:C1";

  @Test
  default void chatStateShouldBeLeasedToOneHolderAndStayBehindUntilTheWantedVersionIsShown() {
    ChatSyncStore chat = stores().chatSync();
    chat.want(TARGET, Map.of("t1", 3L));
    chat.want(TARGET, Map.of("t1", 2L)); // an older version never lowers what is wanted

    ChatMessageState leased = chat.lease(TARGET, "t1", "a", T0, Duration.ofSeconds(60)).orElseThrow();
    assertThat(leased.wantedVersion()).isEqualTo(3);
    assertThat(leased.behind()).isTrue();
    assertThat(chat.lease(TARGET, "t1", "b", T0.plusSeconds(1), Duration.ofSeconds(60))).isEmpty();

    chat.posting(TARGET, "t1", "a", T0, "snippet");
    chat.posted(TARGET, "t1", "a", "1700000000.000100", 3, "fp3");
    ChatMessageState shown = chat.find(TARGET, "t1").orElseThrow();
    assertThat(shown.messageRef()).isEqualTo("1700000000.000100");
    assertThat(shown.behind()).isFalse();
    assertThat(shown.snippet()).isEqualTo("snippet");
    assertThat(chat.behind(TARGET, 10)).isEmpty();

    chat.want(TARGET, Map.of("t1", 5L));
    assertThat(chat.behind(TARGET, 10)).extracting(ChatMessageState::threadId).containsExactly("t1");
    ChatMessageState again = chat.lease(TARGET, "t1", "b", T0.plusSeconds(2), Duration.ofSeconds(60)).orElseThrow();
    chat.want(TARGET, Map.of("t1", 6L)); // a change while the update is on its way
    chat.rendered(TARGET, "t1", "b", again.wantedVersion(), "fp5");
    assertThat(chat.behind(TARGET, 10)).extracting(ChatMessageState::threadId).containsExactly("t1");
    assertThat(chat.lease(TARGET, "t1", "a", T0.plusSeconds(3), Duration.ofSeconds(60))).isPresent();
  }

  @Test
  default void aPostedMessageShouldLeadBackToItsTicketInItsTargetOnly() {
    ChatSyncStore chat = stores().chatSync();
    chat.want("slack:C1", java.util.Map.of("t1", 1L, "t2", 1L));
    chat.want("slack:C2", java.util.Map.of("t1", 1L));
    chat.lease("slack:C1", "t1", "h", T0, java.time.Duration.ofSeconds(30)).orElseThrow();
    chat.posted("slack:C1", "t1", "h", "1700000000.000100", 1, "f");
    chat.lease("slack:C2", "t1", "h", T0, java.time.Duration.ofSeconds(30)).orElseThrow();
    chat.posted("slack:C2", "t1", "h", "1700000000.000200", 1, "f");

    assertThat(chat.threadOf("slack:C1", "1700000000.000100")).contains("t1");
    assertThat(chat.threadOf("slack:C2", "1700000000.000100")).isEmpty();
    assertThat(chat.threadOf("slack:C1", "1700000000.000999")).isEmpty();
    assertThat(chat.threadOf("slack:C1", null)).isEmpty();
  }

  @Test
  default void anExpiredLeaseShouldPassToAnotherHolder() {
    ChatSyncStore chat = stores().chatSync();
    chat.want(TARGET, Map.of("t2", 1L));
    assertThat(chat.lease(TARGET, "t2", "a", T0, Duration.ofSeconds(10))).isPresent();
    assertThat(chat.lease(TARGET, "t2", "b", T0.plusSeconds(11), Duration.ofSeconds(10)))
        .hasValueSatisfying(state -> assertThat(state.leaseHolder()).isEqualTo("b"));
    assertThat(chat.lease(TARGET, "unknown", "a", T0, Duration.ofSeconds(10))).isEmpty();
  }
}
