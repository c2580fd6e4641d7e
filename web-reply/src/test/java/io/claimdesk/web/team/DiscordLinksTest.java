package io.claimdesk.web.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscordLinksTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TestDatabase db = TestDatabase.embedded();
  private final DiscordLinks links = new DiscordLinks(MongoStores.linkTokens(db.database(), clock), clock);
  /** Another instance's links on the same database. */
  private final DiscordLinks elsewhere = new DiscordLinks(MongoStores.linkTokens(db.database(), clock), clock);

  @AfterEach
  void close() {
    db.close();
  }

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
    assertThat(links.redeem(null)).isEmpty();
    assertThat(links.issue("7")).isNotEqualTo(links.issue("7"));
  }

  @Test
  void aLinkMadeByOneInstanceIsRedeemedOnceByAnotherAndNeverStoredInTheClear() {
    String token = links.issue("700000000000000002");
    assertThat(db.database().getCollection("link_tokens").find().first().toJson()).doesNotContain(token);
    assertThat(elsewhere.peek(token)).contains("700000000000000002");
    assertThat(elsewhere.redeem(token)).contains("700000000000000002");
    assertThat(links.redeem(token)).isEmpty();
  }
}
