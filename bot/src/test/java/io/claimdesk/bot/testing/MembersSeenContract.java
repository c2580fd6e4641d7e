package io.claimdesk.bot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each chat's lookup of the member acting must do for the away sweep: record them as seen, at most once a
 * minute. Each chat's test says how a member is linked to a chat user and how that user is looked up.
 */
public abstract class MembersSeenContract {
  protected static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  private final TestDatabase db = TestDatabase.embedded();
  protected final MutableClock clock = new MutableClock(T0);
  protected final Stores stores = MongoStores.open(db.database(), clock);

  /** A user id of this chat. */
  protected abstract String chatUser();

  /** Links the member to the chat user; true when linked. */
  protected abstract boolean link(String memberId, String chatUser);

  /** The chat's lookup of the member acting as {@code chatUser}. */
  protected abstract Optional<TeamMember> resolve(String chatUser);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aMemberActingShouldBeRecordedAsSeenAtMostOnceAMinute() {
    TeamMember ana = stores.team().insert(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null),
        null).orElseThrow();
    assertThat(link(ana.id(), chatUser())).isTrue();
    clock.advance(Duration.ofHours(2));

    assertThat(resolve(chatUser())).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(ana.id()));
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofSeconds(59));
    resolve(chatUser());
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofSeconds(1));
    resolve(chatUser());
    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(2)).plusSeconds(60));
  }
}
