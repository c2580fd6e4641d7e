package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 50 members claim the same ticket at the same instant, 200 times over, on the embedded database. */
class ClaimRaceApiTest {
  private static final int MEMBERS = 50;
  private static final int ROUNDS = 200;

  @Test
  void exactlyOneOfFiftySimultaneousClaimsShouldWinEveryRound() throws Exception {
    try (ApiFixture api = new ApiFixture()) {
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        members.add(api.member("Agent" + i, Role.AGENT));
      }
      ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
      CyclicBarrier start = new CyclicBarrier(MEMBERS);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          EmailThread ticket = api.ticket("Race " + round, Instant.now());
          List<Future<Response>> responses = new ArrayList<>();
          for (Member m : members) {
            responses.add(pool.submit(() -> {
              start.await();
              return api.post("/api/emails/claim", m.token(), threadBody(ticket.id()));
            }));
          }
          int ok = 0;
          int conflicts = 0;
          String winner = null;
          List<String> refusals = new ArrayList<>();
          for (Future<Response> future : responses) {
            Response response = future.get();
            if (response.status() == 200) {
              ok++;
              winner = response.json().path("assignedToEmail").asText();
            } else if (response.status() == 409) {
              conflicts++;
              refusals.add(response.error());
            }
          }
          String expected = "Ticket is already claimed by " + winner;
          assertThat(refusals).as("409 messages in round %d", round).allMatch(expected::equals);
          assertThat(ok).as("200s in round %d", round).isEqualTo(1);
          assertThat(conflicts).as("409s in round %d", round).isEqualTo(MEMBERS - 1);
          api.settle();
          assertThat(api.stores.assignments().count(ticket.id(), AssignmentAction.CLAIMED))
              .as("claimed events in round %d", round).isEqualTo(1);
          assertThat(api.stores.tickets().find(ticket.id()).orElseThrow().owner().email()).isEqualTo(winner);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
