package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The assignment API on a real port: policy settings, offers, unclaim-all and the CSV export. */
class AssignmentApiTest {
  private final ApiFixture api = new ApiFixture();
  private final ApiFixture.Member boss = api.member("Boss", Role.MANAGER);
  private final ApiFixture.Member ana = api.member("Ana", Role.AGENT);

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void onlyManagersShouldChangeThePolicyAndBadValuesGetClearMessages() {
    ApiFixture.Response byAgent = api.send("PUT", "/api/settings/assignment", ana.token(), "{\"mode\":\"round_robin\"}");
    ApiFixture.Response badMode = api.send("PUT", "/api/settings/assignment", boss.token(), "{\"mode\":\"random\"}");
    ApiFixture.Response badTimeout =
        api.send("PUT", "/api/settings/assignment", boss.token(), "{\"offerTimeoutSeconds\":0}");
    ApiFixture.Response unknown = api.send("PUT", "/api/settings/assignment", boss.token(), "{\"speed\":1}");
    ApiFixture.Response stale = api.send("PUT", "/api/settings/assignment", boss.token(),
        "{\"staleNudgeHours\":8,\"staleReleaseHours\":4}");
    ApiFixture.Response saved = api.send("PUT", "/api/settings/assignment", boss.token(),
        "{\"mode\":\"least_loaded\",\"offer\":true,\"offerTimeoutSeconds\":120,\"reopenToOwner\":\"if_online\"}");
    ApiFixture.Response read = api.get("/api/settings/assignment", ana.token());

    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(byAgent.error()).isEqualTo("Only managers can change the assignment policy");
    assertThat(badMode.status()).isEqualTo(400);
    assertThat(badMode.error()).isEqualTo("mode must be one of manual, round_robin, least_loaded, not 'random'");
    assertThat(badTimeout.error()).isEqualTo("offerTimeoutSeconds must be between 10 and 86400, not 0");
    assertThat(unknown.error()).isEqualTo("Unknown field: speed");
    assertThat(stale.error()).isEqualTo("staleReleaseHours must be greater than staleNudgeHours");
    assertThat(saved.status()).isEqualTo(200);
    assertThat(read.json().toString()).isEqualTo("{\"mode\":\"least_loaded\",\"offer\":true,"
        + "\"offerTimeoutSeconds\":120,\"staleNudgeHours\":null,\"staleReleaseHours\":null,"
        + "\"reopenToOwner\":\"if_online\"}");
  }

  @Test
  void anOfferShouldBeAcceptedOnlyByItsMemberWhileOpen() {
    api.send("PUT", "/api/settings/assignment", boss.token(), "{\"mode\":\"round_robin\",\"offer\":true}");
    api.stores.team().setAvailability(boss.id(), io.claimdesk.core.team.Availability.OFFLINE);
    EmailThread t = api.ticket("offered", Instant.now());
    api.assignments.assign(t.id());

    ApiFixture.Response mine = api.get("/api/offers/mine", ana.token());
    String offerId = mine.json().path("offers").path(0).path("id").asText();
    ApiFixture.Response byBoss = api.post("/api/offers/" + offerId + "/accept", boss.token(), "");
    ApiFixture.Response byAna = api.post("/api/offers/" + offerId + "/accept", ana.token(), "");
    ApiFixture.Response again = api.post("/api/offers/" + offerId + "/accept", ana.token(), "");
    ApiFixture.Response declineLate = api.post("/api/offers/" + offerId + "/decline", ana.token(), "");
    ApiFixture.Response missing = api.post("/api/offers/nope/accept", ana.token(), "");

    assertThat(mine.json().path("offers")).hasSize(1);
    assertThat(mine.json().path("offers").path(0).path("threadId").asText()).isEqualTo(t.id());
    assertThat(byBoss.status()).isEqualTo(403);
    assertThat(byAna.status()).isEqualTo(200);
    assertThat(byAna.json().path("assignedTo").asText()).isEqualTo(ana.id());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("This offer is no longer open");
    assertThat(declineLate.status()).isEqualTo(409);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(api.stores.tickets().find(t.id()).orElseThrow().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void unclaimAllShouldReleaseEveryOpenTicketOfOneMemberForManagersOnly() {
    for (int i = 0; i < 3; i++) {
      api.claims.claim(api.ticket("held " + i, Instant.now()).id(), ana.member(), Via.API);
    }
    ApiFixture.Response byAgent = api.post("/api/team/" + ana.id() + "/unclaim-all", ana.token(), "");
    ApiFixture.Response byBoss = api.post("/api/team/" + ana.id() + "/unclaim-all", boss.token(), "");

    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(byAgent.error()).isEqualTo("Only managers can reassign tickets");
    assertThat(byBoss.json().toString()).isEqualTo("{\"released\":3}");
    assertThat(api.stores.tickets().ownedBy(ana.id(), 10)).isEmpty();
  }

  @Test
  void theCsvExportShouldParseWithOneRowPerEvent() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    for (int i = 0; i < 4; i++) {
      EmailThread t = api.ticket("csv, \"quoted\" " + i, Instant.now());
      api.claims.claim(t.id(), ana.member(), Via.API);
      if (i % 2 == 0) {
        api.claims.unclaim(t.id(), ana.member(), Via.WEB);
      }
    }
    assertThat(api.relay.awaitIdle(Duration.ofSeconds(10))).isTrue();

    ApiFixture.Response csv = api.get("/api/assignment-events?format=csv&from=" + before, boss.token());
    ApiFixture.Response byAgent = api.get("/api/assignment-events?format=csv", ana.token());
    ApiFixture.Response badFrom = api.get("/api/assignment-events?from=yesterday", boss.token());
    ApiFixture.Response json = api.get("/api/assignment-events?member=" + ana.id(), boss.token());

    List<CSVRecord> rows;
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv.body()))) {
      assertThat(parser.getHeaderNames())
          .containsExactly("time", "threadId", "action", "actor", "previousOwner", "newOwner", "via");
      rows = parser.getRecords();
    }
    assertThat(csv.status()).isEqualTo(200);
    assertThat(rows).hasSize(6);
    assertThat(rows).extracting(r -> r.get("action")).containsExactly(
        "claimed", "unclaimed", "claimed", "claimed", "unclaimed", "claimed");
    assertThat(rows.get(1).get("via")).isEqualTo("web");
    assertThat(rows.get(1).get("previousOwner")).isEqualTo("ana@example.com");
    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(badFrom.status()).isEqualTo(400);
    assertThat(badFrom.error()).startsWith("Invalid from: yesterday");
    assertThat(json.json().path("events")).hasSize(6);
  }
}
