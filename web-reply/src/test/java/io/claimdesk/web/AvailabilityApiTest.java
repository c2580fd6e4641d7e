package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import io.claimdesk.web.ApiFixture.WebSession;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Availability: every member sets their own, managers and admins anyone's; the team page shows it. */
class AvailabilityApiTest {
  private ApiFixture fixture;
  private Member ana;
  private Member bo;
  private Member mia;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    mia = fixture.member("Mia", Role.MANAGER);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Availability stored(Member m) {
    return fixture.stores.team().find(m.id()).orElseThrow().availability();
  }

  @Test
  void aMemberShouldSetTheirOwnAvailability() {
    Response away = fixture.send("PUT", "/api/team/me/availability", ana.token(), "{\"availability\":\"away\"}");

    assertThat(away.status()).isEqualTo(200);
    assertThat(away.json().path("_id").asText()).isEqualTo(ana.id());
    assertThat(away.json().path("availability").asText()).isEqualTo("away");
    assertThat(stored(ana)).isEqualTo(Availability.AWAY);
    assertThat(stored(bo)).isEqualTo(Availability.ONLINE);
  }

  @Test
  void aManagerShouldSetAnothersAvailabilityAndAnAgentNot() {
    Response byManager = fixture.send("PUT", "/api/team/" + ana.id() + "/availability", mia.token(),
        "{\"availability\":\"offline\"}");
    Response byAgent = fixture.send("PUT", "/api/team/" + bo.id() + "/availability", ana.token(),
        "{\"availability\":\"offline\"}");
    Response ownById = fixture.send("PUT", "/api/team/" + ana.id() + "/availability", ana.token(),
        "{\"availability\":\"away\"}");

    assertThat(byManager.status()).isEqualTo(200);
    assertThat(byManager.json().path("availability").asText()).isEqualTo("offline");
    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(byAgent.error()).isEqualTo("Only managers can change another member's availability");
    assertThat(stored(bo)).isEqualTo(Availability.ONLINE);
    assertThat(ownById.status()).isEqualTo(200);
    assertThat(stored(ana)).isEqualTo(Availability.AWAY);
  }

  @Test
  void badValuesAndUnknownMembersShouldBeClearErrors() {
    Response bad = fixture.send("PUT", "/api/team/me/availability", ana.token(), "{\"availability\":\"busy\"}");
    Response extra = fixture.send("PUT", "/api/team/me/availability", ana.token(),
        "{\"availability\":\"away\",\"until\":\"5pm\"}");
    Response nobody = fixture.send("PUT", "/api/team/0123456789abcdef01234567/availability", mia.token(),
        "{\"availability\":\"away\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("Unknown availability: busy (expected online, away or offline)");
    assertThat(extra.error()).isEqualTo("Unknown field: until");
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(nobody.error()).isEqualTo("Team member not found");
    assertThat(stored(ana)).isEqualTo(Availability.ONLINE);
  }

  @Test
  void theTeamPageAndTheHeaderShouldShowTheNewAvailability() {
    WebSession session = fixture.login(mia);
    HttpRequest put = fixture.request("/api/team/me/availability", null)
        .header("Cookie", ApiFixture.SESSION_COOKIE + "=" + session.cookie())
        .header("X-CSRF-Token", session.csrf()).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"availability\":\"away\"}")).build();
    assertThat(fixture.send(put).status()).isEqualTo(200);
    fixture.send("PUT", "/api/team/" + ana.id() + "/availability", mia.token(), "{\"availability\":\"offline\"}");

    var page = fixture.web(fixture.page("/dashboard/team", session.cookie())).document();

    assertThat(page.select("#members tr[data-member=" + ana.id() + "] .availability").text()).isEqualTo("offline");
    assertThat(page.select("#members tr[data-member=" + bo.id() + "] .availability").text()).isEqualTo("online");
    assertThat(page.select("#availability option[selected]").attr("value")).isEqualTo("away");
  }
}
