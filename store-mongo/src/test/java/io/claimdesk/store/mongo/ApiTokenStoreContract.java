package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimdesk.core.StoreUnavailableException;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.ApiToken;
import io.claimdesk.core.team.ApiTokenStore;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What an {@link ApiTokenStore} must do: tokens found by hash (unique), listed per member oldest first, revoked one
 * or all by their member only, their expiry kept to the millisecond, their last use written once per step; and the
 * single token of earlier versions moved in at start.
 */
interface ApiTokenStoreContract extends StoreFixture {
  Instant IN_90_DAYS = T0.plus(Duration.ofDays(90));

  private ApiTokenStore apiTokens() {
    return stores().apiTokens();
  }

  @Test
  default void tokensShouldBeFoundByHashAndListedPerMemberOldestFirst() {
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember bo = member("Bo", Role.AGENT);
    ApiToken first = apiTokens().insert(ana.id(), "laptop", "hash-1", T0, IN_90_DAYS);
    ApiToken second = apiTokens().insert(ana.id(), "ci", "hash-2", T0.plusSeconds(5), T0.plus(Duration.ofDays(7)));
    apiTokens().insert(bo.id(), "bo's", "hash-3", T0, IN_90_DAYS);

    assertThat(first.id()).matches("[0-9a-f]{24}").isNotEqualTo(second.id());
    assertThat(apiTokens().findByHash("hash-1"))
        .contains(new ApiToken(first.id(), ana.id(), "laptop", T0, IN_90_DAYS, null));
    assertThat(apiTokens().findByHash("hash-2").orElseThrow().expiresAt()).isEqualTo("2026-11-08T09:00:00Z");
    assertThat(apiTokens().findByHash("no-such-hash")).isEmpty();
    assertThat(apiTokens().byMember(ana.id())).extracting(ApiToken::name).containsExactly("laptop", "ci");
    assertThat(apiTokens().byMember(bo.id())).extracting(ApiToken::name).containsExactly("bo's");
    assertThat(apiTokens().byMember(new ObjectId().toHexString())).isEmpty();
    assertThat(database().getCollection("api_tokens").countDocuments()).isEqualTo(3);
  }

  @Test
  default void aHashShouldBelongToOneTokenOnly() {
    TeamMember ana = member("Ana", Role.AGENT);
    apiTokens().insert(ana.id(), "one", "same-hash", T0, IN_90_DAYS);

    assertThatThrownBy(() -> apiTokens().insert(ana.id(), "two", "same-hash", T0, IN_90_DAYS))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(apiTokens().byMember(ana.id())).extracting(ApiToken::name).containsExactly("one");
  }

  @Test
  default void aTokenShouldBeRevokedByItsOwnMemberOnly() {
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember bo = member("Bo", Role.AGENT);
    ApiToken kept = apiTokens().insert(ana.id(), "kept", "hash-1", T0, IN_90_DAYS);
    ApiToken revoked = apiTokens().insert(ana.id(), "revoked", "hash-2", T0, IN_90_DAYS);

    assertThat(apiTokens().revoke(bo.id(), revoked.id())).isFalse();
    assertThat(apiTokens().revoke(ana.id(), "not-an-id")).isFalse();
    assertThat(apiTokens().revoke(ana.id(), revoked.id())).isTrue();
    assertThat(apiTokens().revoke(ana.id(), revoked.id())).isFalse();

    assertThat(apiTokens().findByHash("hash-2")).isEmpty();
    assertThat(apiTokens().findByHash("hash-1")).map(ApiToken::id).contains(kept.id());
  }

  @Test
  default void revokingAllShouldDeleteThatMembersTokensOnly() {
    TeamMember ana = member("Ana", Role.AGENT);
    TeamMember bo = member("Bo", Role.AGENT);
    apiTokens().insert(ana.id(), "a1", "hash-1", T0, IN_90_DAYS);
    apiTokens().insert(ana.id(), "a2", "hash-2", T0, IN_90_DAYS);
    apiTokens().insert(bo.id(), "b1", "hash-3", T0, IN_90_DAYS);

    assertThat(apiTokens().revokeAll(ana.id())).isEqualTo(2);

    assertThat(apiTokens().byMember(ana.id())).isEmpty();
    assertThat(apiTokens().findByHash("hash-1")).isEmpty();
    assertThat(apiTokens().findByHash("hash-3")).isPresent();
  }

  @Test
  default void lastUseShouldBeWrittenOnlyWhenOlderThanTheStep() {
    TeamMember ana = member("Ana", Role.AGENT);
    ApiToken token = apiTokens().insert(ana.id(), "t", "hash-1", T0, IN_90_DAYS);
    Instant used = T0.plusSeconds(10);

    assertThat(apiTokens().touch(token.id(), used, used.minusSeconds(60))).isTrue();
    // 30 s later: the last use (10 s) is not before 40 s - 60 s, so nothing is written
    assertThat(apiTokens().touch(token.id(), T0.plusSeconds(40), T0.plusSeconds(40 - 60))).isFalse();
    assertThat(apiTokens().findByHash("hash-1").orElseThrow().lastUsedAt()).isEqualTo(used);
    assertThat(apiTokens().touch(token.id(), T0.plusSeconds(71), T0.plusSeconds(11))).isTrue();
    assertThat(apiTokens().findByHash("hash-1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(71));
    assertThat(apiTokens().touch(new ObjectId().toHexString(), T0, T0)).isFalse();
  }

  @Test
  default void theSingleTokenOfEarlierVersionsShouldMoveInOnceAtStart() {
    TeamMember ana = member("Ana", Role.AGENT);
    member("Bo", Role.AGENT);
    database().getCollection("team_members").updateOne(new Document("_id", new ObjectId(ana.id())),
        new Document("$set", new Document("apiTokenHash", "legacy-hash")));

    Stores reopened = MongoStores.open(database(), CLOCK);
    MongoStores.open(database(), CLOCK); // a second start, or a second instance, moves nothing more

    assertThat(reopened.apiTokens().findByHash("legacy-hash"))
        .contains(reopened.apiTokens().byMember(ana.id()).get(0));
    ApiToken moved = reopened.apiTokens().byMember(ana.id()).get(0);
    assertThat(moved.name()).isEqualTo("API token (before 0.2)");
    assertThat(moved.createdAt()).isEqualTo(T0);
    assertThat(moved.expiresAt()).isEqualTo(IN_90_DAYS);
    assertThat(database().getCollection("api_tokens").countDocuments()).isEqualTo(1);
    assertThat(database().getCollection("team_members").countDocuments(new Document("apiTokenHash",
        new Document("$exists", true)))).isZero();
  }
}
