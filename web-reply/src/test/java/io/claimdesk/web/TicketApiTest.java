package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lists, detail, tokens and team administration through the API. */
class TicketApiTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private ApiFixture api;
  private Member ana;

  @BeforeEach
  void setUp() {
    api = new ApiFixture();
    ana = api.member("Ana", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private static List<String> ids(JsonNode tickets) {
    List<String> ids = new ArrayList<>();
    tickets.forEach(t -> ids.add(t.path("_id").asText()));
    return ids;
  }

  @Test
  void unassignedShouldListOldestFirstAndMineTheMembersTickets() {
    EmailThread middle = api.ticket("middle", T0.plusSeconds(60));
    EmailThread oldest = api.ticket("oldest", T0);
    EmailThread newest = api.ticket("newest", T0.plusSeconds(120));
    api.post("/api/emails/claim", ana.token(), threadBody(middle.id()));

    Response unassigned = api.get("/api/emails/tickets/unassigned", ana.token());
    assertThat(unassigned.status()).isEqualTo(200);
    assertThat(ids(unassigned.json().path("tickets"))).containsExactly(oldest.id(), newest.id());
    JsonNode first = unassigned.json().path("tickets").get(0);
    assertThat(first.path("from").asText()).isEqualTo("customer@example.org");
    assertThat(first.path("fromName").asText()).isEqualTo("Customer");
    assertThat(first.path("status").asText()).isEqualTo("open");
    assertThat(first.path("receivedAt").asText()).isEqualTo("2026-11-01T09:00:00Z");
    assertThat(first.path("assignedTo").isNull()).isTrue();

    Response mine = api.get("/api/emails/tickets/mine", ana.token());
    assertThat(ids(mine.json().path("tickets"))).containsExactly(middle.id());
  }

  @Test
  void ticketsShouldPageWithACursorAndFilter() {
    for (int i = 0; i < 5; i++) {
      api.ticket("t" + i, T0.plusSeconds(i));
    }
    Response first = api.get("/api/emails/tickets?limit=3", ana.token());
    assertThat(first.json().path("tickets")).hasSize(3);
    String cursor = first.json().path("nextCursor").asText();
    Response second = api.get("/api/emails/tickets?limit=3&cursor=" + cursor, ana.token());
    assertThat(second.json().path("tickets")).hasSize(2);
    assertThat(second.json().path("nextCursor").isNull()).isTrue();

    Response open = api.get("/api/emails/tickets?status=open&assignee=none", ana.token());
    assertThat(open.json().path("tickets")).hasSize(5);
    Response mine = api.get("/api/emails/tickets?assignee=me", ana.token());
    assertThat(mine.json().path("tickets")).isEmpty();
  }

  @Test
  void detailShouldIncludeMessagesAndHistory() {
    EmailThread ticket = api.ticket("With history", T0);
    api.stores.tickets().appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
        ThreadMessage.Direction.INBOUND, "<q@example.org>", null, List.of(), "customer@example.org", "Customer",
        List.of("support@example.com"), List.of(), T0, "Where is my order?", null, List.of(), null), null);
    api.post("/api/emails/claim", ana.token(), threadBody(ticket.id()));
    api.settle();

    JsonNode detail = api.get("/api/emails/tickets/" + ticket.id(), ana.token()).json();
    assertThat(detail.path("subject").asText()).isEqualTo("With history");
    assertThat(detail.path("messages").get(0).path("text").asText()).isEqualTo("Where is my order?");
    assertThat(detail.path("history").get(0).path("action").asText()).isEqualTo("claimed");
    assertThat(detail.path("history").get(0).path("via").asText()).isEqualTo("api");
  }

  @Test
  void passwordShouldBeExchangedForAWorkingToken() {
    assertThat(api.get("/api/emails/tickets/mine", ana.token()).status()).isEqualTo(200);
    Response wrong = api.post("/api/auth/token", null, "{\"email\":\"ana@example.com\",\"password\":\"nope\"}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).isEqualTo("Invalid email or password");
    Response unknown = api.post("/api/auth/token", null, "{\"email\":\"who@example.com\",\"password\":\"x\"}");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.error()).isEqualTo("Invalid email or password");

    Response ok = api.post("/api/auth/token", null, "{\"email\":\"Ana@Example.com\",\"password\":\"password-of-Ana\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("memberId").asText()).isEqualTo(ana.id());
    String token = ok.json().path("token").asText();
    assertThat(api.get("/api/emails/tickets/mine", token).status()).isEqualTo(200);
    // a member holds several tokens: a new one leaves the one issued before working
    assertThat(api.get("/api/emails/tickets/mine", ana.token()).status()).isEqualTo(200);
    assertThat(api.db.database().getCollection("team_members").find().first().toJson()).doesNotContain(token);
  }

  @Test
  void onlyAdminsShouldAddMembersAndTheTokenIsShownOnce() {
    Member admin = api.member("Root", Role.ADMIN);
    String body = "{\"name\":\"Nia\",\"email\":\"nia@example.com\",\"role\":\"agent\",\"slackUserId\":\"U123\"}";

    Response refused = api.post("/api/team", ana.token(), body);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("Only admins can add team members");

    Response created = api.post("/api/team", admin.token(), body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("_id").asText()).hasSize(24);
    assertThat(created.json().path("slackUserId").asText()).isEqualTo("U123");
    String token = created.json().path("apiToken").asText();
    assertThat(api.get("/api/emails/tickets/mine", token).status()).isEqualTo(200);

    Response duplicate = api.post("/api/team", admin.token(), body);
    assertThat(duplicate.status()).isEqualTo(409);
    Response list = api.get("/api/team", ana.token());
    assertThat(list.json().path("members")).hasSize(3);
    assertThat(list.body()).doesNotContain("apiToken").doesNotContain("password");
  }

  @Test
  void healthShouldAnswerOk() {
    Response health = api.get("/healthz", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
  }
}
