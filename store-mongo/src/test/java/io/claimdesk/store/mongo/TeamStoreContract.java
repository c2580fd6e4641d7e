package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
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
}
