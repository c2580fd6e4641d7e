package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saved replies: every member lists them, only managers and admins create, edit and delete them. */
class SavedReplyApiTest {
  private ApiFixture fixture;
  private Member ana;
  private Member mia;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    mia = fixture.member("Mia", Role.MANAGER);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response create(Member m, String title, String body) {
    return fixture.post("/api/saved-replies", m.token(),
        "{\"title\":\"" + title + "\",\"body\":\"" + body + "\"}");
  }

  @Test
  void managersShouldCreateEditAndDeleteAndEveryoneShouldList() {
    Response created = create(mia, "Refunds", "Refunds take 5 working days.");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("_id").asText();
    assertThat(created.json().path("title").asText()).isEqualTo("Refunds");
    assertThat(created.json().path("updatedBy").asText()).isEqualTo(mia.id());
    create(mia, "apology", "Sorry for the wait.");

    Response listed = fixture.get("/api/saved-replies", ana.token());
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().path("savedReplies")).hasSize(2);
    assertThat(listed.json().path("savedReplies").get(0).path("title").asText()).isEqualTo("apology");
    assertThat(listed.json().path("savedReplies").get(1).path("body").asText())
        .isEqualTo("Refunds take 5 working days.");

    Response edited = fixture.send("PATCH", "/api/saved-replies/" + id, mia.token(),
        "{\"title\":\"Refunds\",\"body\":\"Refunds take 3 working days.\"}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().path("body").asText()).isEqualTo("Refunds take 3 working days.");

    Response deleted = fixture.delete("/api/saved-replies/" + id, mia.token());
    assertThat(deleted.status()).isEqualTo(200);
    Response again = fixture.delete("/api/saved-replies/" + id, mia.token());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.error()).isEqualTo("Saved reply not found");
    assertThat(fixture.get("/api/saved-replies", ana.token()).json().path("savedReplies")).hasSize(1);
  }

  @Test
  void agentsShouldNotChangeSavedReplies() {
    String id = create(mia, "Refunds", "Refunds take 5 working days.").json().path("_id").asText();

    Response created = create(ana, "Mine", "text");
    assertThat(created.status()).isEqualTo(403);
    assertThat(created.error()).isEqualTo("Only managers can change saved replies");
    Response edited = fixture.send("PATCH", "/api/saved-replies/" + id, ana.token(), "{\"title\":\"x\",\"body\":\"y\"}");
    assertThat(edited.status()).isEqualTo(403);
    Response deleted = fixture.delete("/api/saved-replies/" + id, ana.token());
    assertThat(deleted.status()).isEqualTo(403);
    assertThat(fixture.stores.savedReplies().all()).hasSize(1);
    assertThat(fixture.stores.savedReplies().all().get(0).body()).isEqualTo("Refunds take 5 working days.");
  }

  @Test
  void badSavedRepliesShouldBeRefusedWithClearMessages() {
    assertThat(create(mia, "", "text").error()).isEqualTo("Title must not be empty");
    assertThat(create(mia, "x".repeat(101), "text").error()).isEqualTo("Title is longer than 100 characters");
    Response noBody = fixture.post("/api/saved-replies", mia.token(), "{\"title\":\"Hi\"}");
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.error()).isEqualTo("Text must not be empty");
    Response unknown = fixture.send("PATCH", "/api/saved-replies/5f0000000000000000000000", mia.token(),
        "{\"title\":\"x\",\"body\":\"y\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(fixture.stores.savedReplies().all()).isEmpty();
  }

  @Test
  void theReplyPageShouldOfferSavedRepliesAndThePageShouldLetManagersEdit() {
    create(mia, "Refunds", "Refunds take 5 working days.");
    EmailThread ticket = fixture.ticket("Refund please", Instant.parse("2026-11-01T09:00:00Z"));
    WebSession anaSession = fixture.login(ana);

    Document reply = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id() + "/reply", anaSession.cookie()))
        .document();
    Element option = reply.selectFirst("select#saved-reply option[data-text]");
    assertThat(option).isNotNull();
    assertThat(option.text()).isEqualTo("Refunds");
    assertThat(option.attr("data-text")).isEqualTo("Refunds take 5 working days.");
    assertThat(reply.select("script[src=/static/compose.js]")).hasSize(1);

    Document forAgent = fixture.web(fixture.page("/dashboard/saved-replies", anaSession.cookie())).document();
    assertThat(forAgent.select("form.saved-reply-form")).isEmpty();
    assertThat(forAgent.selectFirst(".saved-body").text()).isEqualTo("Refunds take 5 working days.");

    WebSession miaSession = fixture.login(mia);
    var posted = fixture.web(fixture.form("/dashboard/saved-replies", miaSession.cookie(),
        Map.of("_csrf", miaSession.csrf(), "title", "Hello", "body", "Hello, thanks for writing.")));
    assertThat(posted.status()).isEqualTo(302);
    Document forManager = fixture.web(fixture.page("/dashboard/saved-replies", miaSession.cookie())).document();
    assertThat(forManager.select("li.saved-reply")).hasSize(2);
    assertThat(forManager.select(".flash").text()).isEqualTo("Saved reply \"Hello\" saved.");
    var refused = fixture.web(fixture.form("/dashboard/saved-replies", anaSession.cookie(),
        Map.of("_csrf", anaSession.csrf(), "title", "Mine", "body", "text")));
    assertThat(refused.status()).isEqualTo(302);
    assertThat(fixture.stores.savedReplies().all()).hasSize(2);
  }
}
