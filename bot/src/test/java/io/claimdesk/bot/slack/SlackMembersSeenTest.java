package io.claimdesk.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A member acting in chat is recorded as seen (for the away sweep), at most once a minute. */
class SlackMembersSeenTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(T0);
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final SlackMembers members = new SlackMembers(stores.team(), null, new LastSeen(stores.team(), clock));

  @AfterEach
  void close() {
    db.close();
  }

  private TeamMember member(String name, String chatId) {
    TeamMember m = stores.team().insert(new NewMember(name, name.toLowerCase() + "@example.com", Role.AGENT, null,
        null, null), null).orElseThrow();
    assertThat(stores.team().linkSlackUser(m.id(), chatId)).isTrue();
    return m;
  }

  @Test
  void aMemberActingShouldBeRecordedAsSeenAtMostOnceAMinute() {
    TeamMember ana = member("Ana", "U0ANA");
    clock.advance(Duration.ofHours(2));

    assertThat(members.resolve("U0ANA")).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(ana.id()));
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofSeconds(59));
    members.resolve("U0ANA");
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofSeconds(1));
    members.resolve("U0ANA");
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)).plusSeconds(60));
  }
}
