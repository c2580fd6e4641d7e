package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordFixture;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.bot.testing.SyncFixture;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordFaultsTest {
  private static final String D1 = "700000000000000001";

  private DiscordFixture fx;
  private FakeDiscord discord;
  private TeamMember ana;

  @BeforeEach
  void setUp() {
    fx = new DiscordFixture();
    discord = fx.discord;
    ana = fx.base.member("Ana", Role.AGENT);
    fx.base.stores.team().linkDiscordUser(ana.id(), D1);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private Optional<ObjectNode> messageOf(String threadId) {
    return discord.messages().stream()
        .filter(m -> m.path("embeds").path(0).path("footer").path("text").asText().equals("Ticket " + threadId))
        .findFirst();
  }

  private void awaitMessage(String threadId, String containing, Duration timeout) {
    Await.until(timeout, () -> messageOf(threadId).map(m -> m.toString().contains(containing)).orElse(false),
        "the message of " + threadId + " to contain " + containing);
  }

  private long successfulPosts() {
    return discord.calls("POST", "channels/\\d+/messages").stream().filter(c -> c.status() == 200).count();
  }

  @Test
  void thirtySecondsOfServerErrorsThenRecoveryLeaveEveryMessageRightAndNonePostedTwice() {
    fx.start(SyncFixture.fast(), null);
    discord.failMessagesFor(500, Duration.ofSeconds(30));
    long start = System.nanoTime();
    EmailThread first = fx.base.mail("a@example.net", "First", "one");
    EmailThread second = fx.base.mail("b@example.net", "Second", "two");
    EmailThread third = fx.base.mail("c@example.net", "Third", "three");
    fx.base.claims.claim(second.id(), ana, Via.API);

    awaitMessage(first.id(), "claim:" + first.id(), Duration.ofSeconds(60));
    awaitMessage(second.id(), "Claimed by Ana", Duration.ofSeconds(20));
    awaitMessage(third.id(), "claim:" + third.id(), Duration.ofSeconds(20));
    long failed = discord.calls().stream().filter(c -> c.status() == 500).count();
    System.out.printf("500s answered: %d; all three right after %d ms%n", failed,
        (System.nanoTime() - start) / 1_000_000);
    assertThat(failed).isGreaterThan(0);
    assertThat(successfulPosts()).isEqualTo(3);
    assertThat(discord.messages()).hasSize(3);
  }

  @Test
  void aRateLimitIsWaitedOutForTheTimeDiscordAsks() {
    fx.start(SyncFixture.fast(), null);
    discord.rateLimitNext(1, 2.0);
    EmailThread ticket = fx.base.mail("a@example.net", "Limited", "wait");
    awaitMessage(ticket.id(), "claim:" + ticket.id(), Duration.ofSeconds(15));
    List<FakeDiscord.Call> posts = discord.calls("POST", "channels/\\d+/messages");
    assertThat(posts).extracting(FakeDiscord.Call::status).containsExactly(429, 200);
    Duration waited = Duration.between(posts.get(0).at(), posts.get(1).at());
    System.out.println("429 with Retry-After 2.0 s; the retry came after " + waited.toMillis() + " ms");
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void aClaimUndoneWhileDiscordFailsLeavesTheMessageShowingTheTicketAsItIs() throws Exception {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("a@example.net", "Undone", "back and forth");
    awaitMessage(ticket.id(), "claim:" + ticket.id(), Duration.ofSeconds(10));
    String messageId = messageOf(ticket.id()).orElseThrow().get("id").asText();

    discord.failMessagesFor(500, Duration.ofSeconds(4));
    String click = discord.click(D1, "ana", messageId, "claim:" + ticket.id());
    Await.until(Duration.ofSeconds(10), () -> discord.callback(click).isPresent(), "the callback");
    Await.until(Duration.ofSeconds(10), () -> fx.base.ticket(ticket.id()).isOwned(), "the claim");
    fx.base.claims.unclaim(ticket.id(), ana, Via.API);
    Thread.sleep(8_000); // the failures end and the sync settles
    ObjectNode message = messageOf(ticket.id()).orElseThrow();
    assertThat(message.toString()).doesNotContain("Claimed by");
    assertThat(message.path("components").path(0).path("components").path(0).path("custom_id").asText())
        .isEqualTo("claim:" + ticket.id());
  }

  @Test
  void clicksWorkAfterTheGatewayIsDroppedAndResumed() {
    fx.start(SyncFixture.fast(), null);
    EmailThread ticket = fx.base.mail("a@example.net", "Dropped", "again");
    awaitMessage(ticket.id(), "claim:" + ticket.id(), Duration.ofSeconds(10));
    String messageId = messageOf(ticket.id()).orElseThrow().get("id").asText();

    discord.dropGateway();
    Await.until(Duration.ofSeconds(30), () -> discord.resumes() == 1 && discord.readyConnections() == 1,
        "the resume");
    String click = discord.click(D1, "ana", messageId, "claim:" + ticket.id());
    Await.until(Duration.ofSeconds(10), () -> discord.callback(click).isPresent(), "the callback");
    awaitMessage(ticket.id(), "Claimed by Ana", Duration.ofSeconds(10));
    assertThat(fx.base.ticket(ticket.id()).owner().memberId()).isEqualTo(ana.id());
    assertThat(discord.identifies()).isEqualTo(1);
    assertThat(discord.resumes()).isEqualTo(1);
  }
}
