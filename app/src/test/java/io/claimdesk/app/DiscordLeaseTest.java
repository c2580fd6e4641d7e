package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.DiscordPayloads;
import io.claimdesk.bot.testing.FakeDiscord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two claimdesk instances with Discord on one database (a third, A, runs the embedded database): only the holder of
 * the discord-gateway lease connects (one IDENTIFY at the fake), and when it stops the other connects within 5 s.
 * A holder's death (kill -9) is the same lease's expiry, 15 s; DiscordTakeoverIT times that with two processes.
 */
class DiscordLeaseTest {
  private static final String TOKEN = "discord-bot-token-for-tests";
  /** A real MongoDB to run every instance on instead of A's embedded one, in a database of its own. */
  private static final String REAL_MONGODB = System.getenv("MONGODB_TEST_URI");

  @Test
  void oneInstanceShouldHoldTheGatewayAndAnotherTakeOverWhenItStops(@TempDir Path dataDir) throws Exception {
    int mongoPort = FreePorts.next();
    String database = "claimdesk_discord_lease_" + System.nanoTime();
    Map<String, String> envA = new HashMap<>(Map.of("PORT", Integer.toString(FreePorts.next())));
    if (REAL_MONGODB == null) {
      envA.putAll(Map.of("DATA_DIR", dataDir.toString(), "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort));
    } else {
      envA.putAll(Map.of("MONGODB_URI", REAL_MONGODB, "MONGODB_DATABASE", database));
    }
    try (FakeDiscord discord = FakeDiscord.start(TOKEN);
        Claimdesk a = Claimdesk.start(AppConfig.fromEnv(envA), 4)) {
      Claimdesk b = Claimdesk.start(AppConfig.fromEnv(env(discord, mongoPort, database)), 4);
      Claimdesk c = Claimdesk.start(AppConfig.fromEnv(env(discord, mongoPort, database)), 4);
      try {
        Await.until(Duration.ofSeconds(30), () -> discord.readyConnections() == 1, "one gateway connection");
        Thread.sleep(3_000); // a few lease ticks: the other instance must stay off the gateway
        assertThat(discord.identifies()).isEqualTo(1);
        boolean bHolds = Boolean.TRUE.equals(b.leasesHeld().get(Claimdesk.DISCORD_LEASE));
        boolean cHolds = Boolean.TRUE.equals(c.leasesHeld().get(Claimdesk.DISCORD_LEASE));
        assertThat(List.of(bHolds, cHolds)).containsExactlyInAnyOrder(true, false);

        Claimdesk holder = bHolds ? b : c;
        Claimdesk other = bHolds ? c : b;
        long stoppedAt = System.nanoTime();
        holder.close(); // a clean stop releases the lease
        Await.until(Duration.ofSeconds(5), () -> discord.identifies() == 2 && discord.readyConnections() == 1
            && Boolean.TRUE.equals(other.leasesHeld().get(Claimdesk.DISCORD_LEASE)), "the other instance connected");
        System.out.printf("Discord gateway handed over in %d ms; identifies %d%n",
            (System.nanoTime() - stoppedAt) / 1_000_000, discord.identifies());
      } finally {
        b.close();
        c.close();
      }
    }
  }

  private static Map<String, String> env(FakeDiscord discord, int mongoPort, String database) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(FreePorts.next()));
    if (REAL_MONGODB == null) {
      env.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/");
    } else {
      env.put("MONGODB_URI", REAL_MONGODB);
      env.put("MONGODB_DATABASE", database);
    }
    env.put("DISCORD_BOT_TOKEN", TOKEN);
    env.put("DISCORD_CHANNEL_ID", DiscordPayloads.CHANNEL_ID);
    env.put("DISCORD_API_URL", discord.apiUrl());
    return env;
  }
}
