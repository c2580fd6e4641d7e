package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PATCH /api/team/{id}}: an admin's edits, each field, the refusals, and the team never left without an admin. */
class TeamMemberApiTest {
  private ApiFixture fixture;
  private Member admin;
  private Member ana;
  private Member mia;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    admin = fixture.member("Root", Role.ADMIN);
    ana = fixture.member("Ana", Role.AGENT);
    mia = fixture.member("Mia", Role.MANAGER);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response patch(Member who, String id, String json) {
    return fixture.send("PATCH", "/api/team/" + id, who.token(), json);
  }

  private TeamMember stored(Member m) {
    return fixture.stores.team().find(m.id()).orElseThrow();
  }

  @Test
  void adminShouldChangeEachField() {
    Response role = patch(admin, ana.id(), "{\"role\":\"manager\"}");
    Response active = patch(admin, ana.id(), "{\"active\":false}");
    Response slack = patch(admin, ana.id(), "{\"slackUserId\":\"U0ANA\"}");
    Response discord = patch(admin, ana.id(), "{\"discordUserId\":\"123456789012345678\"}");
    Response phone = patch(admin, ana.id(), "{\"phone\":\"+1 415 555 0101\"}");
    Response capacity = patch(admin, ana.id(), "{\"capacity\":3}");
    Response voice = patch(admin, ana.id(), "{\"voice\":\"phone\"}");

    assertThat(role.status()).isEqualTo(200);
    assertThat(role.json().path("role").asText()).isEqualTo("manager");
    assertThat(active.json().path("active").asBoolean(true)).isFalse();
    assertThat(slack.json().path("slackUserId").asText()).isEqualTo("U0ANA");
    assertThat(discord.json().path("discordUserId").asText()).isEqualTo("123456789012345678");
    assertThat(phone.json().path("phone").asText()).isEqualTo("+14155550101");
    assertThat(capacity.json().path("capacity").asInt()).isEqualTo(3);
    JsonNode last = voice.json();
    assertThat(last.path("voice").asText()).isEqualTo("phone");
    assertThat(last.path("availability").asText()).isEqualTo("online");
    assertThat(stored(ana)).isEqualTo(new TeamMember(ana.id(), "Ana", "ana@example.com", Role.MANAGER, "U0ANA",
        "123456789012345678", "+14155550101", false, Availability.ONLINE, 3, VoiceMode.PHONE));

    Response cleared = patch(admin, ana.id(), "{\"capacity\":null,\"slackUserId\":null,\"phone\":null}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().path("capacity").isNull()).isTrue();
    assertThat(stored(ana).capacity()).isNull();
    assertThat(stored(ana).slackUserId()).isNull();
    assertThat(stored(ana).phone()).isNull();
  }

  @Test
  void teamListShouldShowAvailabilityCapacityAndVoice() {
    patch(admin, ana.id(), "{\"capacity\":5,\"voice\":\"off\"}");
    fixture.stores.team().setAvailability(ana.id(), Availability.AWAY);

    JsonNode members = fixture.get("/api/team", mia.token()).json().path("members");

    JsonNode json = null;
    for (JsonNode m : members) {
      if (m.path("_id").asText().equals(ana.id())) {
        json = m;
      }
    }
    assertThat(members).hasSize(3);
    assertThat(json.path("availability").asText()).isEqualTo("away");
    assertThat(json.path("capacity").asInt()).isEqualTo(5);
    assertThat(json.path("voice").asText()).isEqualTo("off");
  }

  @Test
  void badPhoneShouldBeRefusedWithTheExactMessage() {
    Response fake = patch(admin, ana.id(), "{\"phone\":\"+1 555 123 4567\"}");
    Response words = patch(admin, ana.id(), "{\"phone\":\"call me\"}");

    assertThat(fake.status()).isEqualTo(400);
    assertThat(fake.error()).isEqualTo("Invalid phone number: +1 555 123 4567");
    assertThat(words.error()).isEqualTo("Invalid phone number: call me");
    assertThat(stored(ana).phone()).isNull();
  }

  @Test
  void nonAdminsShouldBeRefusedAndNothingChange() {
    Response byManager = patch(mia, ana.id(), "{\"role\":\"admin\"}");
    Response bySelf = patch(ana, ana.id(), "{\"role\":\"admin\"}");

    assertThat(byManager.status()).isEqualTo(403);
    assertThat(byManager.error()).isEqualTo("Only admins can change team members");
    assertThat(bySelf.status()).isEqualTo(403);
    assertThat(stored(ana).role()).isEqualTo(Role.AGENT);
  }

  @Test
  void aChatIdAnotherMemberHoldsShouldBeAConflict() {
    assertThat(patch(admin, mia.id(), "{\"discordUserId\":\"555\",\"slackUserId\":\"UMIA\"}").status())
        .isEqualTo(200);

    Response discord = patch(admin, ana.id(), "{\"discordUserId\":\"555\",\"capacity\":2}");
    Response slack = patch(admin, ana.id(), "{\"slackUserId\":\"UMIA\"}");

    assertThat(discord.status()).isEqualTo(409);
    assertThat(discord.error()).isEqualTo("This Discord user id is already linked to another team member");
    assertThat(slack.status()).isEqualTo(409);
    assertThat(slack.error()).isEqualTo("This Slack user id is already linked to another team member");
    assertThat(stored(ana).discordUserId()).isNull();
    assertThat(stored(ana).capacity()).isNull();
  }

  @Test
  void theLastActiveAdminShouldStayAnActiveAdmin() {
    Response demoteSelf = patch(admin, admin.id(), "{\"role\":\"manager\"}");
    Response deactivateSelf = patch(admin, admin.id(), "{\"active\":false}");

    assertThat(demoteSelf.status()).isEqualTo(400);
    assertThat(demoteSelf.error())
        .isEqualTo("The team needs at least one active admin: make another member admin first");
    assertThat(deactivateSelf.status()).isEqualTo(400);
    assertThat(deactivateSelf.error()).isEqualTo("You cannot deactivate yourself: another admin must do it");
    assertThat(stored(admin).role()).isEqualTo(Role.ADMIN);
    assertThat(stored(admin).active()).isTrue();

    // with a second admin, the first may step down
    assertThat(patch(admin, mia.id(), "{\"role\":\"admin\"}").status()).isEqualTo(200);
    Response stepDown = patch(admin, admin.id(), "{\"role\":\"agent\"}");
    assertThat(stepDown.status()).isEqualTo(200);
    assertThat(stored(admin).role()).isEqualTo(Role.AGENT);
  }

  @Test
  void unknownMembersFieldsAndWrongTypesShouldBeClearErrors() {
    Response missing = patch(admin, "0123456789abcdef01234567", "{\"active\":true}");
    Response notAnId = patch(admin, "nobody", "{\"active\":true}");
    Response unknown = patch(admin, ana.id(), "{\"email\":\"x@example.com\"}");
    Response wrongType = patch(admin, ana.id(), "{\"active\":\"yes\"}");
    Response negative = patch(admin, ana.id(), "{\"capacity\":-1}");
    Response fraction = patch(admin, ana.id(), "{\"capacity\":1.5}");
    Response voice = patch(admin, ana.id(), "{\"voice\":\"pager\"}");
    Response role = patch(admin, ana.id(), "{\"role\":\"owner\"}");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("Team member not found");
    assertThat(notAnId.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).isEqualTo("Unknown field: email");
    assertThat(wrongType.error()).isEqualTo("Field active must be true or false");
    assertThat(negative.error()).isEqualTo("Field capacity must be a whole number of 0 or more, or null for no limit");
    assertThat(fraction.status()).isEqualTo(400);
    assertThat(voice.error()).isEqualTo("Unknown voice mode: pager (expected client, phone or off)");
    assertThat(role.error()).isEqualTo("Unknown role: owner (expected agent, manager or admin)");
    assertThat(stored(ana)).isEqualTo(ana.member());
  }

  @Test
  void aNewMembersPhoneShouldBeNormalisedOrRefusedToo() {
    Response created = fixture.post("/api/team", admin.token(),
        "{\"name\":\"Cy\",\"email\":\"cy@example.com\",\"phone\":\"+1 415 555 0107\"}");
    Response refused = fixture.post("/api/team", admin.token(),
        "{\"name\":\"Di\",\"email\":\"di@example.com\",\"phone\":\"555 0108\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("phone").asText()).isEqualTo("+14155550107");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error()).isEqualTo("Invalid phone number: 555 0108");
    assertThat(fixture.stores.team().findByEmail("di@example.com")).isEmpty();
  }
}
