package io.claimdesk.core.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Online members not seen for the limit are set away, on a clock the test moves; nobody else is touched. */
class PresenceTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Duration EIGHT_HOURS = Duration.ofHours(8);

  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(T0);
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final TeamStore team = stores.team();
  private final LastSeen lastSeen = new LastSeen(team, clock);
  private final Presence presence = new Presence(team, clock, EIGHT_HOURS);

  @AfterEach
  void close() {
    db.close();
  }

  private TeamMember member(String name) {
    return team.insert(new NewMember(name, name.toLowerCase() + "@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
  }

  private Availability availability(TeamMember m) {
    return team.find(m.id()).orElseThrow().availability();
  }

  @Test
  void aMemberSeenSevenHoursFiftyNineMinutesAgoShouldStayOnlineAndGoAwayAtEightHours() {
    TeamMember ana = member("Ana");
    TeamMember bo = member("Bo"); // never seen: counted from the creation, T0
    clock.advance(Duration.ofHours(1));
    lastSeen.seen(ana.id());

    clock.advance(Duration.ofHours(6).plusMinutes(59)); // T0 + 7 h 59 min: Bo's 8 h are 1 min away
    assertThat(presence.sweep()).isZero();
    clock.advance(Duration.ofMinutes(1)); // Bo at 8 h, Ana at 7 h
    assertThat(presence.sweep()).isEqualTo(1);
    assertThat(availability(bo)).isEqualTo(Availability.AWAY);
    assertThat(availability(ana)).isEqualTo(Availability.ONLINE);

    clock.advance(Duration.ofMinutes(59)); // Ana at 7 h 59 min
    assertThat(presence.sweep()).isZero();
    assertThat(availability(ana)).isEqualTo(Availability.ONLINE);
    clock.advance(Duration.ofMinutes(1)); // Ana at 8 h
    assertThat(presence.sweep()).isEqualTo(1);
    assertThat(availability(ana)).isEqualTo(Availability.AWAY);
    assertThat(presence.sweep()).isZero();
  }

  @Test
  void awayOfflineAndInactiveMembersShouldBeLeftAsTheyAre() {
    TeamMember cara = member("Cara");
    TeamMember dan = member("Dan");
    TeamMember eve = member("Eve");
    team.setAvailability(cara.id(), Availability.AWAY);
    team.setAvailability(dan.id(), Availability.OFFLINE);
    team.update(eve.id(), MemberUpdate.none().withActive(false));

    clock.advance(Duration.ofHours(100));
    assertThat(presence.sweep()).isZero();

    assertThat(availability(cara)).isEqualTo(Availability.AWAY);
    assertThat(availability(dan)).isEqualTo(Availability.OFFLINE);
    assertThat(availability(eve)).isEqualTo(Availability.ONLINE);
    // not written either: a write of the availability would have moved these to now
    assertThat(team.lastSeen()).containsEntry(cara.id(), T0).containsEntry(dan.id(), T0)
        .containsEntry(eve.id(), T0);
  }

  @Test
  void aMemberSetOnlineAgainShouldCountFromThenAndNotBeSetAwayAtOnce() {
    TeamMember ana = member("Ana");
    clock.advance(EIGHT_HOURS);
    assertThat(presence.sweep()).isEqualTo(1);

    clock.advance(Duration.ofHours(3));
    team.setAvailability(ana.id(), Availability.ONLINE); // a manager, without Ana making a request
    clock.advance(Duration.ofHours(7).plusMinutes(59));
    assertThat(presence.sweep()).isZero();
    assertThat(availability(ana)).isEqualTo(Availability.ONLINE);
    clock.advance(Duration.ofMinutes(1));
    assertThat(presence.sweep()).isEqualTo(1);
  }

  @Test
  void sweepIfDueShouldLookOnceAMinuteAndNoLimitShouldSetNobodyAway() {
    TeamMember ana = member("Ana");
    clock.advance(EIGHT_HOURS.minusSeconds(30));
    presence.sweepIfDue(); // at 7 h 59 min 30 s: nobody due
    clock.advance(Duration.ofSeconds(30));
    presence.sweepIfDue(); // 30 s after the last sweep: not looked
    assertThat(availability(ana)).isEqualTo(Availability.ONLINE);
    clock.advance(Duration.ofSeconds(30));
    presence.sweepIfDue();
    assertThat(availability(ana)).isEqualTo(Availability.AWAY);

    TeamMember bo = member("Bo");
    clock.advance(Duration.ofDays(30));
    assertThat(new Presence(team, clock, null).sweep()).isZero();
    assertThat(availability(bo)).isEqualTo(Availability.ONLINE);
  }
}
