package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.voice.CallLogStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/voice/calls} and call notes (installed with the webhooks): filters, who sees and annotates which call. */
class CallsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final VoiceServer server = new VoiceServer();
  private TeamMember ana;
  private TeamMember ben;
  private TeamMember boss;
  private Contact carla;
  private final String first = "CA" + "1".repeat(32);
  private final String second = "CA" + "2".repeat(32);
  private final String third = "CA" + "3".repeat(32);

  @BeforeEach
  void calls() {
    ana = server.member("Ana", Role.AGENT, Availability.ONLINE, VoiceMode.CLIENT, null);
    ben = server.member("Ben", Role.AGENT, Availability.ONLINE, VoiceMode.CLIENT, null);
    boss = server.member("Boss", Role.MANAGER, Availability.ONLINE, VoiceMode.CLIENT, null);
    carla = server.contact("Carla", "carla@example.org", "+14155550103");
    CallLogStore calls = server.stores.callLogs();
    calls.start(first, "+14155550101", "+14155550100", null, T0);
    calls.addStep(first, 0, List.of(ana.id()));
    calls.answered(first, ana.id(), T0.plusSeconds(5));
    calls.start(second, "+14155550102", "+14155550100", null, T0.plusSeconds(60));
    calls.addStep(second, 0, List.of(ben.id()));
    calls.start(third, "+14155550103", "+14155550100", carla.id(), T0.plusSeconds(120));
    calls.addStep(third, 0, List.of(ana.id(), ben.id()));
  }

  @AfterEach
  void close() {
    server.close();
  }

  private List<String> sids(TeamMember viewer, String query) throws Exception {
    HttpResponse<String> response = server.api("GET", "/api/voice/calls" + query, server.token(viewer), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> sids = new ArrayList<>();
    JSON.readTree(response.body()).get("calls").forEach(c -> sids.add(c.get("callSid").asText()));
    return sids;
  }

  @Test
  void managersShouldSeeEveryCallFilteredByMemberContactAndTime() throws Exception {
    assertThat(sids(boss, "")).containsExactly(third, second, first);
    assertThat(sids(boss, "?member=" + ana.id())).containsExactly(third, first);
    assertThat(sids(boss, "?contact=" + carla.id())).containsExactly(third);
    assertThat(sids(boss, "?from=2026-11-01T09:00:30Z&to=2026-11-01T09:01:30Z")).containsExactly(second);
    JsonNode call = JSON.readTree(server.api("GET", "/api/voice/calls?member=" + ana.id() + "&limit=1",
        server.token(boss), null).body()).get("calls").get(0);
    assertThat(call.get("steps").get(0).get(0).asText()).isEqualTo(ana.id());
    assertThat(call.get("startedAt").asText()).isEqualTo("2026-11-01T09:02:00Z");
  }

  @Test
  void agentsShouldSeeOnlyTheCallsTheyWereRungFor() throws Exception {
    assertThat(sids(ana, "")).containsExactly(third, first);
    assertThat(sids(ben, "")).containsExactly(third, second);
    assertThat(sids(ana, "?member=" + ana.id() + "&contact=" + carla.id())).containsExactly(third);
    HttpResponse<String> other = server.api("GET", "/api/voice/calls?member=" + ben.id(), server.token(ana), null);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(other.body()).get("error").asText())
        .isEqualTo("Only managers can list other members' calls");
  }

  @Test
  void badFiltersAndMissingSignInShouldBeRefusedWithAMessage() throws Exception {
    HttpResponse<String> badTime = server.api("GET", "/api/voice/calls?from=yesterday", server.token(boss), null);
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badTime.body()).get("error").asText()).startsWith("from must be an ISO-8601 UTC time");
    assertThat(server.api("GET", "/api/voice/calls?member=nobody", server.token(boss), null).statusCode())
        .isEqualTo(400);
    assertThat(server.api("GET", "/api/voice/calls?limit=0", server.token(boss), null).statusCode()).isEqualTo(400);
    assertThat(server.api("GET", "/api/voice/calls", "not-a-token", null).statusCode()).isEqualTo(401);
  }

  @Test
  void notesShouldBeWrittenByMembersOnTheCallOrManagersToTheCallAndTheContact() throws Exception {
    HttpResponse<String> byAna = server.api("POST", "/api/voice/calls/" + third + "/notes", server.token(ana),
        "{\"body\":\"Wants the invoice resent\"}");
    assertThat(byAna.statusCode()).as(byAna.body()).isEqualTo(201);
    assertThat(JSON.readTree(byAna.body()).get("notes").get(0).get("body").asText())
        .isEqualTo("Wants the invoice resent");
    HttpResponse<String> byBoss = server.api("POST", "/api/voice/calls/" + first + "/notes", server.token(boss),
        "{\"body\":\"Followed up\"}");
    assertThat(byBoss.statusCode()).isEqualTo(201);

    HttpResponse<String> byBen = server.api("POST", "/api/voice/calls/" + first + "/notes", server.token(ben),
        "{\"body\":\"Not my call\"}");
    assertThat(byBen.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(byBen.body()).get("error").asText())
        .isEqualTo("You can only add notes to calls you were rung for");
    HttpResponse<String> unknown = server.api("POST", "/api/voice/calls/CA" + "9".repeat(32) + "/notes",
        server.token(boss), "{\"body\":\"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("Call not found");
    assertThat(server.api("POST", "/api/voice/calls/" + first + "/notes", server.token(ana), "{}").statusCode())
        .isEqualTo(400);

    assertThat(server.stores.callLogs().find(third).orElseThrow().notes()).extracting(n -> n.body())
        .containsExactly("Wants the invoice resent");
    assertThat(server.stores.callLogs().find(first).orElseThrow().notes()).extracting(n -> n.authorId())
        .containsExactly(boss.id());
    assertThat(server.stores.callLogs().find(first).orElseThrow().notes()).hasSize(1);
    String carlaNotes = server.stores.contacts().findByPhone("+14155550103").orElseThrow().notes();
    assertThat(carlaNotes).endsWith(", call +14155550103, Ana: Wants the invoice resent");
    // the first caller had no contact: the note made one with the number
    assertThat(server.stores.contacts().findByPhone("+14155550101").orElseThrow().notes())
        .endsWith(", call +14155550101, Boss: Followed up");
  }
}
