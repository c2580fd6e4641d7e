package io.claimdesk.bot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimdesk.bot.discord.DiscordGateway;
import io.claimdesk.bot.discord.DiscordSettings;
import io.claimdesk.bot.discord.DiscordStartException;
import io.claimdesk.bot.discord.DiscordTesting;
import io.claimdesk.bot.sync.ChatSyncSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDiscordTest {
  private static final String TOKEN = "fake-bot-token";

  private FakeDiscord discord;
  private DiscordGateway gateway;
  private final List<String> clicks = new CopyOnWriteArrayList<>();
  private final java.util.Map<String, java.time.Instant> received = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    discord = FakeDiscord.start(TOKEN);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.stop();
    }
    discord.close();
  }

  private DiscordGateway connect() {
    ListenerAdapter listener = new ListenerAdapter() {
      @Override
      public void onButtonInteraction(ButtonInteractionEvent event) {
        received.put(event.getId(), java.time.Instant.now());
        clicks.add(event.getComponentId() + " by " + event.getUser().getId());
        event.deferEdit().queue();
      }
    };
    gateway = new DiscordGateway(new DiscordSettings(TOKEN, DiscordPayloads.CHANNEL_ID, discord.apiUrl(),
        "http://127.0.0.1:1", ChatSyncSettings.slack()), List.of(listener)).start();
    return gateway;
  }

  @Test
  void jdaConnectsThroughTheFakeGatewayAndAnswersAClick() {
    connect();
    assertThat(discord.identifies()).isEqualTo(1);
    assertThat(discord.readyConnections()).isEqualTo(1);
    assertThat(discord.calls("GET", "gateway/bot")).hasSize(1);

    String messageId = DiscordTesting.post(gateway, DiscordPayloads.CHANNEL_ID, "hello", "nonce-1");
    String interaction = discord.click("700000000000000001", "ana", messageId, "claim:abc");

    Await.until(Duration.ofSeconds(5), () -> discord.callback(interaction).isPresent(), "the click's callback");
    assertThat(clicks).containsExactly("claim:abc by 700000000000000001");
    FakeDiscordState.Callback callback = discord.callback(interaction).orElseThrow();
    assertThat(callback.type()).isEqualTo(6); // DEFERRED_UPDATE_MESSAGE
    assertThat(Duration.between(callback.dispatchedAt(), callback.at())).isLessThan(Duration.ofSeconds(3));
    assertThat(discord.calls("POST", "interactions/" + interaction + "/token-.*/callback").get(0).query())
        .contains("with_response=true");
  }

  @Test
  void aHundredClicksDispatchedAtOnceAreEachAnswered() throws Exception {
    connect();
    String messageId = DiscordTesting.post(gateway, DiscordPayloads.CHANNEL_ID, "hello", "nonce-4");
    for (int round = 0; round < 2; round++) {
      List<String> ids = new CopyOnWriteArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String user = String.valueOf(700000000000000100L + i);
        Thread thread = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          ids.add(discord.click(user, "u", messageId, "claim:x"));
        });
        thread.start();
        threads.add(thread);
      }
      go.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      Await.until(Duration.ofSeconds(20), () -> ids.stream().allMatch(i -> discord.callback(i).isPresent()),
          "every callback");
      long[] toListener = ids.stream().mapToLong(i -> Duration.between(discord.callback(i).orElseThrow()
          .dispatchedAt(), received.get(i)).toMillis()).sorted().toArray();
      long[] toCallback = ids.stream().mapToLong(i -> Duration.between(discord.callback(i).orElseThrow()
          .dispatchedAt(), discord.callback(i).orElseThrow().at()).toMillis()).sorted().toArray();
      System.out.printf("round %d: dispatch → listener p50 %d p99 %d ms; dispatch → callback p50 %d p99 %d max %d ms%n",
          round, toListener[49], toListener[98], toCallback[49], toCallback[98], toCallback[99]);
      assertThat(ids).hasSize(100);
      assertThat(toCallback[99]).isLessThan(3000);
    }
  }

  @Test
  void aPostWithTheSameNonceIsStoredOnce() {
    connect();
    String first = DiscordTesting.post(gateway, DiscordPayloads.CHANNEL_ID, "hello", "nonce-2");
    String second = DiscordTesting.post(gateway, DiscordPayloads.CHANNEL_ID, "hello", "nonce-2");
    assertThat(second).isEqualTo(first);
    assertThat(discord.messages()).hasSize(1);
    assertThat(discord.calls("POST", "channels/\\d+/messages").get(0).body().path("allowed_mentions")
        .path("parse").size()).isZero();
  }

  @Test
  void aDroppedGatewayIsResumedAndClicksStillArrive() {
    connect();
    String messageId = DiscordTesting.post(gateway, DiscordPayloads.CHANNEL_ID, "hello", "nonce-3");
    discord.dropGateway();
    Await.until(Duration.ofSeconds(20), () -> discord.resumes() == 1 && discord.readyConnections() == 1,
        "the resume");
    String interaction = discord.click("700000000000000002", "bo", messageId, "claim:def");
    Await.until(Duration.ofSeconds(5), () -> discord.callback(interaction).isPresent(), "the click's callback");
    assertThat(discord.identifies()).isEqualTo(1);
    assertThat(clicks).containsExactly("claim:def by 700000000000000002");
  }

  @Test
  void aBadTokenFailsTheStartWithOneClearMessage() {
    DiscordGateway bad = new DiscordGateway(new DiscordSettings("wrong", DiscordPayloads.CHANNEL_ID,
        discord.apiUrl(), "http://127.0.0.1:1", ChatSyncSettings.slack()), List.of());
    assertThatThrownBy(bad::start).isInstanceOf(DiscordStartException.class)
        .hasMessage("Discord refused DISCORD_BOT_TOKEN (401 Unauthorized)");
    assertThat(discord.identifies()).isZero();
  }
}
