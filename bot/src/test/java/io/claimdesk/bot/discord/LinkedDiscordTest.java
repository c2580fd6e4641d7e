package io.claimdesk.bot.discord;

import io.claimdesk.bot.testing.DiscordFixture;
import io.claimdesk.bot.testing.FakeDiscord;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the Discord bot tests that click as the agents Ana and Bo: a {@link DiscordFixture} with the two
 * linked to the Discord users {@link #D1} and {@link #D2}, the bot not started yet, closed after each test.
 */
abstract class LinkedDiscordTest {
  static final String D1 = "700000000000000001";
  static final String D2 = "700000000000000002";
  static final Duration WAIT = Duration.ofSeconds(10);

  DiscordFixture fx;
  FakeDiscord discord;
  TeamMember ana;
  TeamMember bo;

  @BeforeEach
  final void linkAnaAndBo() {
    fx = new DiscordFixture();
    discord = fx.discord;
    ana = fx.linkedMember("Ana", Role.AGENT, D1);
    bo = fx.linkedMember("Bo", Role.AGENT, D2);
  }

  @AfterEach
  final void closeFixture() {
    fx.close();
  }
}
