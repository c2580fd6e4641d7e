package io.claimdesk.store.mongo;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.chat.ChatMessageState;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stores the chat adapters use, on every server the store contract runs on. */
abstract class ChatStoreContract extends StoreContract {
  private static final String TARGET = "slack:C1";

  @Test
  void chatStateShouldBeLeasedToOneHolderAndStayBehindUntilTheWantedVersionIsShown() {
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
  void anExpiredLeaseShouldPassToAnotherHolder() {
    ChatSyncStore chat = stores().chatSync();
    chat.want(TARGET, Map.of("t2", 1L));
    assertThat(chat.lease(TARGET, "t2", "a", T0, Duration.ofSeconds(10))).isPresent();
    assertThat(chat.lease(TARGET, "t2", "b", T0.plusSeconds(11), Duration.ofSeconds(10)))
        .hasValueSatisfying(state -> assertThat(state.leaseHolder()).isEqualTo("b"));
    assertThat(chat.lease(TARGET, "unknown", "a", T0, Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void aDeliveryShouldBeFirstOnlyOnce() {
    Stores stores = stores();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-1")).isTrue();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-1")).isFalse();
    assertThat(stores.chatDeliveries().firstDelivery("slack:action:trigger-2")).isTrue();
  }

  @Test
  void aSlackUserShouldBeLinkedToOneMemberOnce() {
    Stores stores = stores();
    TeamMember ana = member(stores, "Ana", Role.AGENT);
    TeamMember ben = member(stores, "Ben", Role.AGENT);
    assertThat(stores.team().linkSlackUser(ana.id(), "U1")).isTrue();
    assertThat(stores.team().findBySlackUserId("U1")).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(ana.id()));
    assertThat(stores.team().linkSlackUser(ana.id(), "U2")).isFalse();
    assertThat(stores.team().linkSlackUser(ben.id(), "U1")).isFalse();
    assertThat(stores.team().findBySlackUserId("U2")).isEmpty();
  }

  @Test
  void aTicketShouldKeepItsChatPostsAndHandOutOneMessageByNumber() {
    Stores stores = stores();
    EmailThread ticket = ticket(stores, "Chat", T0);
    tickets(stores).appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND,
        "<c1@example.org>", null, null, "c@example.org", "C", List.of("support@example.com"), null, T0, "First",
        null, null, null), null);
    long version = tickets(stores).find(ticket.id()).orElseThrow().version();
    ChatPost post = new ChatPost("slack", "C1", "1700000000.000100");
    tickets(stores).addChatPost(ticket.id(), post);
    tickets(stores).addChatPost(ticket.id(), post);

    EmailThread after = tickets(stores).find(ticket.id()).orElseThrow();
    assertThat(after.chat()).containsExactly(post);
    assertThat(after.version()).as("recording a chat post is not a change of the ticket").isEqualTo(version);
    assertThat(tickets(stores).message(ticket.id(), 1)).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("First"));
    assertThat(tickets(stores).message(ticket.id(), 2)).isEmpty();
  }
}
