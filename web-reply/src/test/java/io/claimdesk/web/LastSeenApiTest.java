package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request of a signed-in member records them as seen, on a clock the test moves (the {@link ApiFixture}'s web
 * clock is the system's): once, then not again within the minute, then again after it.
 */
class LastSeenApiTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");

  private final TestDatabase db = TestDatabase.embedded();
  private final MutableClock clock = new MutableClock(T0);
  private final Stores stores = MongoStores.open(db.database(), clock);
  private final TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), clock);
  private final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), clock,
      Duration.ofMinutes(1)).start();
  private final ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, clock);
  private final WebDependencies deps = WebDependencies.of(stores, stores.tickets(), claims, null, team, clock, false);
  private final Javalin app = WebServer.create(deps, config -> { }).start("127.0.0.1", 0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    app.stop();
    relay.close();
    db.close();
  }

  private int get(String path, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Authorization", "Bearer " + token).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private int getWithCookie(String path, String cookie) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Cookie", "claimdesk_session=" + cookie).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private Instant lastSeen(TeamMember m) {
    return stores.team().lastSeen().get(m.id());
  }

  @Test
  void anApiRequestShouldMarkTheMemberSeenAtMostOnceAMinute() throws Exception {
    TeamMember ana = team.create(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
    TeamMember bo = team.create(new NewMember("Bo", "bo@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
    String token = team.issueToken(ana);
    assertThat(lastSeen(ana)).isEqualTo(T0); // never seen: the creation

    clock.advance(Duration.ofHours(1));
    assertThat(get("/api/emails/tickets/mine", token)).isEqualTo(200);
    assertThat(lastSeen(ana)).isEqualTo(T0.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofSeconds(59));
    assertThat(get("/api/emails/tickets/mine", token)).isEqualTo(200);
    assertThat(lastSeen(ana)).isEqualTo(T0.plus(Duration.ofHours(1))); // within the minute: not written again

    clock.advance(Duration.ofSeconds(1));
    assertThat(get("/api/emails/tickets/mine", token)).isEqualTo(200);
    assertThat(lastSeen(ana)).isEqualTo(T0.plus(Duration.ofHours(1)).plusSeconds(60));

    assertThat(get("/api/emails/tickets/mine", "not-a-token")).isEqualTo(401);
    assertThat(lastSeen(bo)).isEqualTo(T0); // nobody else
  }

  @Test
  void aDashboardPageWithASessionShouldMarkTheMemberSeen() throws Exception {
    TeamMember ana = team.create(new NewMember("Ana", "ana@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
    String cookie = deps.sessions().start(ana).cookieValue();
    clock.advance(Duration.ofHours(3));

    assertThat(getWithCookie("/dashboard/tickets/unassigned", cookie)).isEqualTo(200);

    assertThat(lastSeen(ana)).isEqualTo(T0.plus(Duration.ofHours(3)));
  }
}
