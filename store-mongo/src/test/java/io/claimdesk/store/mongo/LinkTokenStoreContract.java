package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.LinkTokenStore;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** What the link tokens must do: kept by hash, usable once across instances, dead at their expiry. */
interface LinkTokenStoreContract extends StoreFixture {

  /** Another instance's link tokens on the test's database, judging expiry by {@code clock}. */
  default LinkTokenStore linkTokens(MutableClock clock) {
    return MongoStores.linkTokens(database(), clock);
  }

  @Test
  default void aTokenIssuedByOneInstanceShouldBeRedeemedOnceThroughAnother() {
    MutableClock clock = new MutableClock(T0);
    LinkTokenStore issuing = linkTokens(clock);
    LinkTokenStore redeeming = linkTokens(clock);
    String token = Secrets.randomToken();
    String hash = Secrets.hashToken(token);
    issuing.insert(hash, "700000000000000001", T0.plus(Duration.ofMinutes(10)));

    Document stored = database().getCollection("link_tokens").find().first();
    assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "subject", "createdAt", "expiresAt");
    assertThat(stored.getString("_id")).isEqualTo(hash).hasSize(64).isNotEqualTo(token);
    assertThat(stored.toJson()).doesNotContain(token);
    clock.advance(Duration.ofMinutes(9));
    assertThat(redeeming.peek(hash)).contains("700000000000000001");
    assertThat(issuing.peek(hash)).contains("700000000000000001");
    assertThat(redeeming.take(hash)).contains("700000000000000001");
    assertThat(issuing.take(hash)).isEmpty();
    assertThat(redeeming.take(hash)).isEmpty();
    assertThat(issuing.peek(hash)).isEmpty();
    assertThat(database().getCollection("link_tokens").countDocuments()).isZero();
  }

  @Test
  default void aTokenShouldBeDeadFromItsExpiryAndExpiredTokensCleanedUp() {
    MutableClock clock = new MutableClock(T0);
    LinkTokenStore tokens = linkTokens(clock);
    tokens.insert("old", "700000000000000001", T0.plus(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10));
    assertThat(tokens.peek("old")).isEmpty();
    assertThat(tokens.take("old")).isEmpty();
    assertThat(tokens.take("never-issued")).isEmpty();

    tokens.insert("new", "700000000000000002", clock.instant().plus(Duration.ofMinutes(10)));
    List<String> kept = new ArrayList<>();
    database().getCollection("link_tokens").find().forEach(d -> kept.add(d.getString("_id")));
    assertThat(kept).containsExactly("new");
    Document ttl = database().getCollection("link_tokens").listIndexes().into(new ArrayList<>()).stream()
        .filter(i -> "expiry".equals(i.getString("name"))).findFirst().orElseThrow();
    assertThat(ttl.get("key", Document.class)).isEqualTo(new Document("expiresAt", 1));
    assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isZero();
  }

  @Test
  default void ofEightInstancesRedeemingOneTokenAtOnceExactlyOneShouldGetIt() throws Exception {
    MutableClock clock = new MutableClock(T0);
    linkTokens(clock).insert("raced", "700000000000000003", T0.plus(Duration.ofMinutes(10)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Optional<String>>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        LinkTokenStore instance = linkTokens(clock);
        tries.add(pool.submit(() -> {
          go.await();
          return instance.take("raced");
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Optional<String>> t : tries) {
        won += t.get().isPresent() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
