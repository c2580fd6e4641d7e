package io.claimdesk.web.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DiscordLinksTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final DiscordLinks links = new DiscordLinks(clock);

  @Test
  void aLinkWorksOnceWithinTenMinutes() {
    String token = links.issue("700000000000000001");
    assertThat(token).matches("[A-Za-z0-9_-]{32}");
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(links.peek(token)).contains("700000000000000001");
    assertThat(links.redeem(token)).contains("700000000000000001");
    assertThat(links.redeem(token)).isEmpty();
    assertThat(links.peek(token)).isEmpty();
  }

  @Test
  void aLinkExpiresAfterTenMinutes() {
    String token = links.issue("700000000000000001");
    clock.advance(Duration.ofMinutes(10));
    assertThat(links.peek(token)).isEmpty();
    assertThat(links.redeem(token)).isEmpty();
    assertThat(links.redeem("not-a-token")).isEmpty();
    assertThat(links.issue("7")).isNotEqualTo(links.issue("7"));
  }
}
