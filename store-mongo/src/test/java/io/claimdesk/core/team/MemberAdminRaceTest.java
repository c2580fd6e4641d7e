package io.claimdesk.core.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.store.Stores;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two admins who step down at the same instant, each seeing the other still admin: the team must keep an active
 * admin every time (the rule is checked before the change and again after it).
 */
class MemberAdminRaceTest {
  private static final int ROUNDS = 40;
  private final TestDatabase db = TestDatabase.embedded();
  private final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  private final TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4),
      Clock.systemUTC());

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void twoAdminsSteppingDownAtOnceShouldNeverLeaveTheTeamWithoutAnAdmin() throws Exception {
    TeamMember ada = team.create(new NewMember("Ada", "ada@example.com", Role.ADMIN, null, null, null), null)
        .orElseThrow();
    TeamMember bea = team.create(new NewMember("Bea", "bea@example.com", Role.ADMIN, null, null, null), null)
        .orElseThrow();
    MemberAdmin admin = new MemberAdmin(stores.team());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int bothStayed = 0;
    int oneStayed = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MemberAdmin.Result>> results = new ArrayList<>();
        // each demotes the other, as two admins in two browsers would
        results.add(pool.submit(() -> {
          start.await();
          return admin.update(ada, bea.id(), MemberUpdate.none().withRole(Role.AGENT));
        }));
        results.add(pool.submit(() -> {
          start.await();
          return admin.update(bea, ada.id(), MemberUpdate.none().withRole(Role.AGENT));
        }));
        start.countDown();
        for (Future<MemberAdmin.Result> result : results) {
          assertThat(result.get()).isInstanceOfAny(MemberAdmin.Result.Updated.class,
              MemberAdmin.Result.Invalid.class);
        }
        long admins = stores.team().all().stream().filter(m -> m.active() && m.role() == Role.ADMIN).count();
        assertThat(admins).as("active admins after round %d", round).isPositive();
        if (admins == 2) {
          bothStayed++;
        } else {
          oneStayed++;
        }
        stores.team().update(ada.id(), MemberUpdate.none().withRole(Role.ADMIN));
        stores.team().update(bea.id(), MemberUpdate.none().withRole(Role.ADMIN));
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("MemberAdminRaceTest: %d rounds, one admin left in %d, both refused in %d%n", ROUNDS,
        oneStayed, bothStayed);
    assertThat(oneStayed + bothStayed).isEqualTo(ROUNDS);
  }
}
