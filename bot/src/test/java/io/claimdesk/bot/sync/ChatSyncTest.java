package io.claimdesk.bot.sync;

import static io.claimdesk.bot.testing.SyncFixture.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.Message;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.chat.ChatMessageState;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat sync against the fake Slack Web API on loopback, with the real stores on the embedded database: one post
 * per ticket, updates from the ticket's current state, and the ways a chat API fails that the sync must ride out
 * (5xx for 30 s, 429 with Retry-After, restarts, two instances, a post whose outcome was lost).
 */
class ChatSyncTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final SyncFixture f = new SyncFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void newTicketIsPostedOnceAndEveryChangeUpdatesThatMessage() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    ChatSync sync = f.sync(SyncFixture.fast()).start();
    EmailThread ticket = f.mail("dev@example.org", "VPN keeps dropping", "Every ten minutes the VPN drops.");

    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 1, "one post");
    FakeSlackApi.Message posted = f.slack.messages(CHANNEL).get(0);
    assertThat(posted.blocksJson()).contains("New email to support@example.com", "VPN keeps dropping",
        "dev@example.org", "Every ten minutes the VPN drops.", "\"action_id\":\"claim\"", "Click here to reply",
        SyncFixture.BASE_URL + "/dashboard/tickets/" + ticket.id() + "/reply");
    assertThat(posted.metadataJson()).contains(ticket.id());

    assertThat(f.claims.claim(ticket.id(), ana, Via.API)).isInstanceOf(ClaimOutcome.Won.class);
    Await.until(WAIT, () -> blocks(ticket).contains("Claimed by *Ana*"), "update showing Ana");
    assertThat(blocks(ticket)).contains("\"action_id\":\"unclaim\"").doesNotContain("\"action_id\":\"claim\"");
    assertThat(f.ticket(ticket.id()).chat()).singleElement()
        .satisfies(post -> assertThat(post.messageRef()).isEqualTo(posted.ts()));

    assertThat(f.claims.unclaim(ticket.id(), ana, Via.API)).isInstanceOf(ClaimOutcome.Won.class);
    Await.until(WAIT, () -> !blocks(ticket).contains("Claimed by"), "update showing nobody");
    Await.until(WAIT, () -> f.stores.chatSync().find("slack:" + CHANNEL, ticket.id())
        .map(s -> !s.behind()).orElse(false), "state caught up");
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(1);
    assertThat(sync.stats().posts()).isEqualTo(1);
  }

  @Test
  void anAnsweredCallClaimsAndShowsItsLineOnTheMessage() {
    TeamMember olga = f.member("Olga", Role.AGENT);
    ChatSync sync = f.sync(SyncFixture.fast()).start();
    EmailThread ticket = f.mail("dev@example.org", "VPN keeps dropping", "Every ten minutes the VPN drops.");
    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 1, "one post");
    String caller = f.stores.contacts().findByEmail("dev@example.org").orElseThrow().id();
    assertThat(caller).isNotBlank();
    // the mail made the contact; the caller's number is on a contact of the same address
    f.stores.contacts().insert(new io.claimdesk.core.contact.Contact(null, "Dev Patel", List.of("dev@example.org"),
        List.of("+14155550101"), null));
    io.claimdesk.core.voice.CallRecorder calls = new io.claimdesk.core.voice.CallRecorder(f.tickets,
        f.stores.contacts(), f.stores.team(), f.stores.callLogs(), f.claims, f.relay, "support@example.com", f.clock);
    f.stores.callLogs().start("CA" + "1".repeat(32), "+14155550101", "+14155550100", null, f.clock.instant());
    assertThat(calls.answered("CA" + "1".repeat(32), olga.id())).isTrue();

    Await.until(WAIT, () -> blocks(ticket).contains("📞 Call from Dev Patel answered by Olga"), "the call line");
    assertThat(blocks(ticket)).contains("Claimed by *Olga*");
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(1);
    assertThat(sync.stats().posts()).isEqualTo(1);
  }

  @Test
  void aStopWithAFlushShouldFirstPostWhatTheOutboxHolds() throws Exception {
    ChatSync sync = f.sync(SyncFixture.fast()).start();
    Await.until(WAIT, () -> f.stores.outbox().head() == 0, "an empty outbox");
    for (int i = 0; i < 5; i++) {
      f.mail("c" + i + "@example.org", "Ticket " + i, "Hello " + i);
    }
    assertThat(f.relay.awaitIdle(WAIT)).isTrue(); // in the outbox, not yet read by the sync

    sync.close(Duration.ofSeconds(10));

    assertThat(f.slack.postsFor(CHANNEL)).as("posted before the stop").isEqualTo(5);
  }

  @Test
  void aBurstOfChangesCollapsesIntoTheLatestState() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    TeamMember ben = f.member("Ben", Role.AGENT);
    EmailThread ticket = f.mail("dev@example.org", "Printer on fire", "Smoke.");
    // slow updates: one every 2 s, so the burst below arrives while the sync waits
    ChatSyncSettings slow = new ChatSyncSettings(5, Duration.ofMillis(20), 1, Duration.ofSeconds(2),
        Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofMillis(50), Duration.ofSeconds(2));
    f.sync(slow).start();
    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 1, "posted");
    for (int i = 0; i < 10; i++) {
      f.claims.claim(ticket.id(), i % 2 == 0 ? ana : ben, Via.API);
      f.claims.unclaim(ticket.id(), i % 2 == 0 ? ana : ben, Via.API);
    }
    f.claims.claim(ticket.id(), ben, Via.API);
    Await.until(WAIT, () -> blocks(ticket).contains("Claimed by *Ben*"), "final state");
    // 21 changes, far fewer calls: each update renders whatever the ticket is by then
    assertThat(f.slack.calls("chat.update")).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void serverErrorsForThirtySecondsLoseNothingAndPostNothingTwice() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    f.sync(SyncFixture.fast()).start();
    List<EmailThread> before = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      before.add(f.mail("c" + i + "@example.org", "Before outage " + i, "Text " + i));
    }
    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 5, "first posts");
    Instant outageStart = Instant.now();
    f.slack.failAll(500, Duration.ofSeconds(30));
    List<EmailThread> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      during.add(f.mail("d" + i + "@example.org", "During outage " + i, "Text " + i));
      f.claims.claim(before.get(i).id(), ana, Via.API);
    }
    Await.until(Duration.ofSeconds(60), () -> before.stream().allMatch(t -> blocks(t).contains("Claimed by *Ana*"))
        && during.stream().allMatch(t -> blocks(t).contains(t.subject())), "converged after the outage");
    assertThat(Duration.between(outageStart, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(f.slack.calls().stream().filter(c -> c.status() == 500)).isNotEmpty();
    assertThat(f.slack.messages(CHANNEL)).extracting(FakeSlackApi.Message::metadataJson)
        .doesNotHaveDuplicates().hasSize(10);
  }

  @Test
  void rateLimitIsObeyedForTheTimeSlackAsks() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    f.sync(SyncFixture.fast()).start();
    EmailThread ticket = f.mail("dev@example.org", "Slow down", "Text");
    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 1, "posted");
    f.slack.rateLimitOnce("chat.update", 2);
    f.claims.claim(ticket.id(), ana, Via.API);
    Await.until(WAIT, () -> blocks(ticket).contains("Claimed by *Ana*"), "update after the pause");
    List<FakeSlackApi.Call> updates = f.slack.calls("chat.update");
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0).status()).isEqualTo(429);
    assertThat(Duration.between(updates.get(0).at(), updates.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aRestartResumesWhereTheSyncStopped() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    ChatSync first = f.sync(SyncFixture.fast()).start();
    EmailThread ticket = f.mail("dev@example.org", "Restart me", "Text");
    Await.until(WAIT, () -> f.slack.postsFor(CHANNEL) == 1, "posted");
    first.close();
    f.claims.claim(ticket.id(), ana, Via.API);
    EmailThread second = f.mail("e@example.org", "While stopped", "Text");
    f.sync(SyncFixture.fast()).start();
    Await.until(WAIT, () -> blocks(ticket).contains("Claimed by *Ana*") && blocks(second).contains("While stopped"),
        "caught up after restart");
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(2);
  }

  @Test
  void twoInstancesOnOneDatabaseNeverPostATicketTwice() {
    TeamMember ana = f.member("Ana", Role.AGENT);
    f.slack.delay(Duration.ofMillis(30));
    f.sync(SyncFixture.fast()).start();
    f.sync(SyncFixture.fast()).start();
    List<EmailThread> tickets = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tickets.add(f.mail("c" + i + "@example.org", "Ticket " + i, "Text " + i));
      if (i % 3 == 0) {
        f.claims.claim(tickets.get(i).id(), ana, Via.API);
      }
    }
    Await.until(Duration.ofSeconds(60), () -> f.slack.postsFor(CHANNEL) >= 30
        && tickets.stream().allMatch(t -> f.stores.chatSync().find("slack:" + CHANNEL, t.id())
            .map(s -> !s.behind()).orElse(false)), "all posted");
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(30);
    for (int i = 0; i < 30; i += 3) {
      assertThat(blocks(tickets.get(i))).contains("Claimed by *Ana*");
    }
  }

  @Test
  void aPostWhoseOutcomeWasLostIsFoundInTheChannelNotPostedAgain() throws Exception {
    EmailThread ticket = f.mail("dev@example.org", "Lost answer", "Text");
    String target = "slack:" + CHANNEL;
    // what a crash right after chat.postMessage leaves: the message in Slack, the attempt recorded, no reference
    ChatMessageState leased = interruptedPost(ticket);
    String ts = f.methods().chatPostMessage(r -> r.channel(CHANNEL).text("old")
        .metadata(Message.Metadata.builder().eventType("claimdesk_ticket")
            .eventPayload(Map.of("threadId", ticket.id())).build())).getTs();
    assertThat(leased.posted()).isFalse();

    f.sync(SyncFixture.fast()).start();
    Await.until(WAIT, () -> blocks(ticket).contains("Lost answer"), "the found message updated");
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(1);
    assertThat(f.stores.chatSync().find(target, ticket.id()).orElseThrow().messageRef()).isEqualTo(ts);
  }

  @Test
  void withoutTheHistoryScopeAnInterruptedPostIsStillMadeRatherThanHeldBack() {
    f.slack.refuse("conversations.history", "missing_scope");
    EmailThread ticket = f.mail("dev@example.org", "No history scope", "Text");
    interruptedPost(ticket);

    f.sync(SyncFixture.fast()).start();
    Await.until(WAIT, () -> blocks(ticket).contains("No history scope"), "posted after all");
    assertThat(f.slack.calls("conversations.history")).isNotEmpty();
    assertThat(f.slack.postsFor(CHANNEL)).isEqualTo(1);
  }

  /** The state a process leaves when it dies right after calling chat.postMessage: attempt recorded, no reference. */
  private ChatMessageState interruptedPost(EmailThread ticket) {
    String target = "slack:" + CHANNEL;
    f.stores.chatSync().want(target, Map.of(ticket.id(), ticket.version()));
    ChatMessageState leased = f.stores.chatSync().lease(target, ticket.id(), "dead-instance", Instant.now(),
        Duration.ofMillis(1)).orElseThrow();
    f.stores.chatSync().posting(target, ticket.id(), "dead-instance", Instant.now(), "Text");
    return leased;
  }

  private String blocks(EmailThread ticket) {
    return f.stores.chatSync().find("slack:" + CHANNEL, ticket.id())
        .map(ChatMessageState::messageRef)
        .flatMap(ts -> f.slack.message(CHANNEL, ts))
        .map(m -> m.blocksJson() == null ? "" : m.blocksJson())
        .orElse("");
  }
}
