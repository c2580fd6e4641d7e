package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The manager's assignment policy form: saved through the same rules as the API, refused to agents. */
class AssignmentSettingsPageTest {
  private static final String PATH = "/dashboard/settings/assignment";
  private final ApiFixture fixture = new ApiFixture();
  private final ApiFixture.Member mia = fixture.member("Mia", Role.MANAGER);
  private final ApiFixture.Member ana = fixture.member("Ana", Role.AGENT);

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Map<String, String> form(WebSession session, String mode, String offer, String timeout, String nudge) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", session.csrf());
    fields.put("mode", mode);
    fields.put("offer", offer);
    fields.put("offerTimeoutSeconds", timeout);
    fields.put("staleNudgeHours", nudge);
    fields.put("staleReleaseHours", "");
    fields.put("reopenToOwner", "if_online");
    return fields;
  }

  @Test
  void aManagerShouldSaveThePolicyAndSeeItInTheForm() {
    WebSession session = fixture.login(mia);
    WebResponse saved = fixture.web(fixture.form(PATH, session.cookie(),
        form(session, "round_robin", "true", "90", "6")));
    Document page = fixture.web(fixture.page(PATH, session.cookie())).document();

    assertThat(saved.status()).isEqualTo(302);
    assertThat(fixture.assignments.policy()).isEqualTo(new AssignmentPolicy(AssignmentPolicy.Mode.ROUND_ROBIN, true,
        90, 6, null, AssignmentPolicy.ReopenToOwner.IF_ONLINE));
    assertThat(page.select("select[name=mode] option[selected]").attr("value")).isEqualTo("round_robin");
    assertThat(page.select("input[name=offer]").hasAttr("checked")).isTrue();
    assertThat(page.select("input[name=offerTimeoutSeconds]").attr("value")).isEqualTo("90");
    assertThat(page.select(".flash").text()).isEqualTo("Saved the assignment policy.");
  }

  @Test
  void badValuesShouldBeRefusedWithTheApisMessageAndKeepWhatWasTyped() {
    WebSession session = fixture.login(mia);
    WebResponse refused = fixture.web(fixture.form(PATH, session.cookie(),
        form(session, "least_loaded", null, "5", "")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.document().select("#policy-error").text())
        .isEqualTo("offerTimeoutSeconds must be between 10 and 86400, not 5");
    assertThat(refused.document().select("select[name=mode] option[selected]").attr("value"))
        .isEqualTo("least_loaded");
    assertThat(fixture.assignments.policy()).isEqualTo(AssignmentPolicy.MANUAL);
  }

  @Test
  void agentsShouldBeRefusedThePageAndTheForm() {
    WebSession session = fixture.login(ana);
    WebResponse shown = fixture.web(fixture.page(PATH, session.cookie()));
    WebResponse posted = fixture.web(fixture.form(PATH, session.cookie(),
        form(session, "round_robin", "true", "90", "")));

    assertThat(shown.status()).isEqualTo(403);
    assertThat(shown.document().select("#error-message").text())
        .isEqualTo("Only managers can change the assignment policy");
    assertThat(posted.status()).isEqualTo(403);
    assertThat(fixture.assignments.policy()).isEqualTo(AssignmentPolicy.MANUAL);
  }

  @Test
  void aFormWithoutTheCsrfTokenShouldChangeNothing() {
    WebSession session = fixture.login(mia);
    Map<String, String> fields = form(session, "round_robin", "true", "90", "");
    fields.remove("_csrf");
    WebResponse refused = fixture.web(fixture.form(PATH, session.cookie(), fields));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(fixture.assignments.policy()).isEqualTo(AssignmentPolicy.MANUAL);
  }
}
