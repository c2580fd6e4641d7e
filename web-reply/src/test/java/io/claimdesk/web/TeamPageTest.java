package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team page: each member's availability, capacity, voice and chat ids; the admins' edit form. */
class TeamPageTest {
  private ApiFixture fixture;
  private Member admin;
  private Member mia;
  private Member ana;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    admin = fixture.member("Root", Role.ADMIN);
    mia = fixture.member("Mia", Role.MANAGER);
    ana = fixture.member("Ana", Role.AGENT);
    fixture.send("PATCH", "/api/team/" + ana.id(), admin.token(),
        "{\"capacity\":4,\"voice\":\"phone\",\"slackUserId\":\"U0ANA\",\"discordUserId\":\"4242\"}");
    fixture.stores.team().setAvailability(ana.id(), Availability.AWAY);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Document page(WebSession session) {
    WebResponse page = fixture.web(fixture.page("/dashboard/team", session.cookie()));
    assertThat(page.status()).isEqualTo(200);
    return page.document();
  }

  @Test
  void managersShouldSeeEachMembersSettingsWithoutEditForms() {
    Document page = page(fixture.login(mia));

    Element row = page.selectFirst("#members tr[data-member=" + ana.id() + "]");
    assertThat(row.select(".availability").text()).isEqualTo("away");
    assertThat(row.select(".capacity").text()).isEqualTo("4");
    assertThat(row.select(".voice").text()).isEqualTo("phone");
    assertThat(row.select(".slack").text()).isEqualTo("U0ANA");
    assertThat(row.select(".discord").text()).isEqualTo("4242");
    assertThat(page.select("#members tr[data-member=" + mia.id() + "] .capacity").text()).isEqualTo("no limit");
    assertThat(page.select("#members form")).isEmpty();
    assertThat(page.select("#members tbody tr")).hasSize(3);
  }

  @Test
  void adminsShouldEditAMemberThroughTheFormWithTheSameRules() {
    WebSession session = fixture.login(admin);
    Document before = page(session);
    Element form = before.selectFirst("#edit-" + ana.id());
    assertThat(form.attr("action")).isEqualTo("/dashboard/team/" + ana.id());
    assertThat(before.select("input[form=edit-" + ana.id() + "][name=capacity]").attr("value")).isEqualTo("4");
    assertThat(before.select("select[form=edit-" + ana.id() + "][name=voice] option[selected]").attr("value"))
        .isEqualTo("phone");

    WebResponse saved = submit(session, ana.id(), "manager", true, "", "U0ANA", "4242", "+1 415 555 0102", "off");
    WebResponse badPhone = submit(session, ana.id(), "manager", true, "2", "U0ANA", "4242", "+1 555", "off");
    String badNotice = page(session).select(".flash.error").text();
    WebResponse takenDiscord = submit(session, mia.id(), "manager", true, "", "", "4242", "", "client");
    String takenNotice = page(session).select(".flash.error").text();
    WebResponse lockOut = submit(session, admin.id(), "agent", true, "", "", "", "", "client");
    String lockNotice = page(session).select(".flash.error").text();

    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).isEqualTo("/dashboard/team");
    assertThat(fixture.stores.team().find(ana.id()).orElseThrow()).isEqualTo(new TeamMember(ana.id(), "Ana",
        "ana@example.com", Role.MANAGER, "U0ANA", "4242", "+14155550102", true, Availability.AWAY, null,
        VoiceMode.OFF));
    assertThat(badPhone.status()).isEqualTo(302);
    assertThat(badNotice).isEqualTo("Invalid phone number: +1 555");
    assertThat(takenNotice).isEqualTo("This Discord user id is already linked to another team member");
    assertThat(fixture.stores.team().find(mia.id()).orElseThrow().discordUserId()).isNull();
    assertThat(lockNotice).isEqualTo("The team needs at least one active admin: make another member admin first");
    assertThat(fixture.stores.team().find(admin.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void aManagerPostingTheFormShouldBeRefused() {
    WebSession session = fixture.login(mia);

    WebResponse refused = submit(session, ana.id(), "admin", true, "", "", "", "", "client");

    assertThat(refused.status()).isEqualTo(302);
    assertThat(page(session).select(".flash.error").text()).isEqualTo("Only admins can change team members");
    assertThat(fixture.stores.team().find(ana.id()).orElseThrow().role()).isEqualTo(Role.AGENT);
  }

  private WebResponse submit(WebSession session, String id, String role, boolean active, String capacity,
      String slack, String discord, String phone, String voice) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", session.csrf());
    fields.put("role", role);
    fields.put("active", active ? "true" : null);
    fields.put("capacity", capacity);
    fields.put("slackUserId", slack);
    fields.put("discordUserId", discord);
    fields.put("phone", phone);
    fields.put("voice", voice);
    return fixture.web(fixture.form("/dashboard/team/" + id, session.cookie(), fields));
  }

  @Test
  void hostileMemberFieldsShouldBeShownAsTextInTheAdminsForms() {
    WebSession session = fixture.login(admin);
    for (int i = 0; i < XssCorpusTest.CORPUS.size(); i++) {
      String payload = XssCorpusTest.CORPUS.get(i);
      Member m = fixture.member("X" + i, Role.AGENT);
      assertThat(fixture.stores.team().update(m.id(), io.claimdesk.core.team.MemberUpdate.none()
          .withSlackUserId(payload).withDiscordUserId("d" + i + payload)))
          .isInstanceOf(io.claimdesk.core.team.TeamStore.UpdateOutcome.Updated.class);
    }

    Document page = page(session);

    assertThat(XssCorpusTest.unsafeParts(page, false)).isEmpty();
    for (int i = 0; i < XssCorpusTest.CORPUS.size(); i++) {
      String id = fixture.stores.team().findByEmail("x" + i + "@example.com").orElseThrow().id();
      assertThat(page.select("input[form=edit-" + id + "][name=slackUserId]").attr("value"))
          .isEqualTo(XssCorpusTest.CORPUS.get(i));
    }
  }
}
