package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.VoiceMode;
import java.time.Duration;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a {@link io.claimdesk.core.team.TeamStore} must do: one member per email, members found by email and Slack
 * user, a Slack user linked once (API tokens: {@link ApiTokenStoreContract}).
 */
interface TeamStoreContract extends StoreFixture {
  @Test
  default void teamShouldKeepEmailsUniqueAndFindMembersByEmail() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember bo = member("Bo", Role.AGENT); // neither has a Slack id: sparse unique indexes must allow that

    assertThat(stores.team().insert(new NewMember("Other Ana", "ana@example.com", Role.AGENT, null, null, null), null))
        .isEmpty();
    assertThat(stores.team().findByEmail("ANA@example.com ")).contains(ana);
    assertThat(stores.team().findByEmail("bo@example.com")).contains(bo);
  }

  @Test
  default void passwordHashShouldBeReplacedForThatMemberOnly() {
    Stores stores = stores();
    TeamMember ana = stores.team().insert(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null),
        "old-hash").orElseThrow();
    TeamMember bo = stores.team().insert(new NewMember("Bo", "bo@example.com", Role.AGENT, null, null, null),
        "bo-hash").orElseThrow();

    assertThat(stores.team().setPasswordHash(ana.id(), "new-hash")).isTrue();

    assertThat(stores.team().passwordHash(ana.id())).contains("new-hash");
    assertThat(stores.team().passwordHash(bo.id())).contains("bo-hash");
    assertThat(stores.team().setPasswordHash("0123456789abcdef01234567", "x")).isFalse();
    assertThat(stores.team().setPasswordHash("not-an-id", "x")).isFalse();
  }

  @Test
  default void aSlackUserShouldBeLinkedToOneMemberOnce() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember ben = member("Ben", Role.AGENT);
    assertThat(stores.team().linkSlackUser(ana.id(), "U1")).isTrue();
    assertThat(stores.team().findBySlackUserId("U1")).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(ana.id()));
    assertThat(stores.team().linkSlackUser(ana.id(), "U2")).isFalse();
    assertThat(stores.team().linkSlackUser(ben.id(), "U1")).isFalse();
    assertThat(stores.team().findBySlackUserId("U2")).isEmpty();
  }

  @Test
  default void aNewMemberShouldStartOnlineUnlimitedOnTheSoftphone() {
    TeamMember ana = member("Ana", Role.AGENT);

    TeamMember read = stores().team().find(ana.id()).orElseThrow();
    assertThat(read.availability()).isEqualTo(Availability.ONLINE);
    assertThat(read.capacity()).isNull();
    assertThat(read.voice()).isEqualTo(VoiceMode.CLIENT);
  }

  @Test
  default void anUpdateShouldChangeOnlyTheFieldsItNamesAndClearEmptyOnes() {
    Stores stores = stores();
    TeamMember ana = stores.team().insert(new NewMember("Ana", "ana@example.com", Role.AGENT, "U1", null,
        "+14155550101"), null).orElseThrow();

    TeamStore.UpdateOutcome outcome = stores.team().update(ana.id(), MemberUpdate.none()
        .withRole(Role.MANAGER).withCapacity(3).withVoice(VoiceMode.PHONE).withSlackUserId("").withDiscordUserId("D1"));

    TeamMember updated = ((TeamStore.UpdateOutcome.Updated) outcome).member();
    assertThat(updated.role()).isEqualTo(Role.MANAGER);
    assertThat(updated.capacity()).isEqualTo(3);
    assertThat(updated.voice()).isEqualTo(VoiceMode.PHONE);
    assertThat(updated.slackUserId()).isNull();
    assertThat(updated.discordUserId()).isEqualTo("D1");
    assertThat(updated.phone()).isEqualTo("+14155550101");
    assertThat(updated.active()).isTrue();
    assertThat(stores.team().find(ana.id())).contains(updated);
    TeamStore.UpdateOutcome unlimited = stores.team().update(ana.id(), MemberUpdate.none()
        .withCapacity(MemberUpdate.UNLIMITED).withActive(false));
    assertThat(((TeamStore.UpdateOutcome.Updated) unlimited).member().capacity()).isNull();
    assertThat(((TeamStore.UpdateOutcome.Updated) unlimited).member().active()).isFalse();
    assertThat(stores.team().update("0123456789abcdef01234567", MemberUpdate.none().withRole(Role.ADMIN)))
        .isInstanceOf(TeamStore.UpdateOutcome.NotFound.class);
    assertThat(stores.team().update("not-an-id", MemberUpdate.none()))
        .isInstanceOf(TeamStore.UpdateOutcome.NotFound.class);
  }

  @Test
  default void aDiscordUserShouldBelongToOneMemberAndBeFoundByIt() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember ben = member("Ben", Role.AGENT);

    assertThat(stores.team().linkDiscordUser(ana.id(), "111")).isTrue();
    assertThat(stores.team().linkDiscordUser(ben.id(), "111")).isFalse();
    assertThat(stores.team().update(ben.id(), MemberUpdate.none().withDiscordUserId("111").withRole(Role.ADMIN)))
        .isEqualTo(new TeamStore.UpdateOutcome.Taken("discordUserId"));

    assertThat(stores.team().findByDiscordUserId("111")).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(ana.id()));
    assertThat(stores.team().find(ben.id()).orElseThrow().role()).isEqualTo(Role.AGENT);
    assertThat(stores.team().linkDiscordUser(ana.id(), "222")).isTrue();
    assertThat(stores.team().findByDiscordUserId("111")).isEmpty();
    assertThat(stores.team().findByDiscordUserId(" ")).isEmpty();
  }

  @Test
  default void availabilityShouldBeStoredPerMember() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember ben = member("Ben", Role.AGENT);

    assertThat(stores.team().setAvailability(ana.id(), Availability.AWAY))
        .hasValueSatisfying(m -> assertThat(m.availability()).isEqualTo(Availability.AWAY));

    assertThat(stores.team().find(ana.id()).orElseThrow().availability()).isEqualTo(Availability.AWAY);
    assertThat(stores.team().find(ben.id()).orElseThrow().availability()).isEqualTo(Availability.ONLINE);
    assertThat(stores.team().setAvailability("0123456789abcdef01234567", Availability.OFFLINE)).isEmpty();
  }

  @Test
  default void lastSeenShouldOnlyMoveForwardAndFallBackToTheCreation() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember ben = member("Ben", Role.AGENT);
    ObjectId old = new ObjectId(); // a member of an older version: no creation time stored
    database().getCollection("team_members").insertOne(new Document("_id", old).append("name", "Old")
        .append("email", "old@example.com").append("role", "agent").append("active", true));

    stores.team().markSeen(ana.id(), T0.plus(Duration.ofHours(1)));
    stores.team().markSeen(ana.id(), T0.plus(Duration.ofMinutes(30))); // another instance, late: ignored
    stores.team().markSeen("not-an-id", T0);

    assertThat(stores.team().lastSeen()).containsEntry(ana.id(), T0.plus(Duration.ofHours(1)))
        .containsEntry(ben.id(), T0).doesNotContainKey(old.toHexString()).hasSize(2);
    stores.team().setAvailability(old.toHexString(), Availability.ONLINE);
    assertThat(stores.team().lastSeen()).containsEntry(old.toHexString(), T0).hasSize(3);
  }
}
