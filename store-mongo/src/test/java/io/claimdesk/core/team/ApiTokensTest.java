package io.claimdesk.core.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, each with its own {@link TeamService}: what each keeps of a token read, and how
 * soon a revocation or a deactivation reaches the other.
 */
class ApiTokensTest {
  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final TeamService here = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), clock);
  private final TeamService there = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), clock);
  private final TeamMember ana = here.create(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null),
      "ana-password-1").orElseThrow();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRevocationShouldBeAtOnceWhereItIsMadeAndWithinTheCacheTimeElsewhere() {
    String token = here.issueToken(ana);
    assertThat(there.byToken(token)).isPresent(); // read once: kept by the other instance
    String id = here.tokens().of(ana.id()).get(0).id();

    assertThat(here.tokens().revoke(ana.id(), id)).isTrue();
    assertThat(here.byToken(token)).as("where it was revoked").isEmpty();
    assertThat(there.byToken(token)).as("elsewhere, still within the cache time").isPresent();
    clock.advance(ApiTokens.CACHE_FOR);
    assertThat(there.byToken(token)).as("elsewhere, once the cache time is over").isEmpty();
  }

  @Test
  void aDeactivatedMemberShouldBeRefusedAtOnceEverywhere() {
    String token = here.issueToken(ana);
    assertThat(there.byToken(token)).isPresent();
    db.database().getCollection("team_members").updateOne(new Document("_id", new ObjectId(ana.id())),
        new Document("$set", new Document("active", false)));

    assertThat(there.byToken(token)).isEmpty();
    assertThat(here.byToken(token)).isEmpty();
  }

  @Test
  void anExpiredTokenShouldBeRefusedEvenWhileKept() {
    String token = here.tokens().create(ana, "short", 1).token();
    clock.advance(Duration.ofDays(1).minusSeconds(5));
    assertThat(here.byToken(token)).as("5 s before it expires: read, and kept").isPresent();
    clock.advance(Duration.ofSeconds(5));
    assertThat(here.byToken(token)).as("expired, within the cache time of that read").isEmpty();
  }
}
