package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad requests get a clear JSON error with the right status, and change nothing. */
class BadInputApiTest {
  private ApiFixture api;
  private Member ana;
  private EmailThread ticket;
  private long outboxHead;

  @BeforeEach
  void setUp() {
    api = new ApiFixture();
    ana = api.member("Ana", Role.AGENT);
    ticket = api.ticket("Untouched", Instant.parse("2026-11-01T09:00:00Z"));
    outboxHead = api.stores.outbox().head();
  }

  @AfterEach
  void assertNothingChanged() {
    api.settle();
    EmailThread now = api.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(now.owner()).isNull();
    assertThat(now.version()).isEqualTo(ticket.version());
    assertThat(api.stores.assignments().history(ticket.id())).isEmpty();
    assertThat(api.stores.outbox().head()).isEqualTo(outboxHead);
    api.close();
  }

  @Test
  void malformedJsonShouldAnswer400() {
    Response response = api.post("/api/emails/claim", ana.token(), "{\"threadId\": ");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("Malformed JSON body");

    Response notAnObject = api.post("/api/emails/claim", ana.token(), "[\"" + ticket.id() + "\"]");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(notAnObject.error()).isEqualTo("Request body must be a JSON object");

    Response missingField = api.post("/api/emails/claim", ana.token(), "{}");
    assertThat(missingField.status()).isEqualTo(400);
    assertThat(missingField.error()).isEqualTo("Missing field: threadId");

    Response wrongType = api.post("/api/emails/claim", ana.token(), "{\"threadId\": 42}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.error()).isEqualTo("Field threadId must be a non-empty string");
  }

  @Test
  void unknownThreadIdShouldAnswer404() {
    Response response = api.post("/api/emails/claim", ana.token(), threadBody(new ObjectId().toHexString()));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error()).isEqualTo("Ticket not found");
  }

  @Test
  void nonHexIdShouldAnswer400() {
    Response response = api.post("/api/emails/claim", ana.token(), threadBody("not-a-ticket-id"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("threadId must be a 24-character hexadecimal id");

    Response detail = api.get("/api/emails/tickets/%24where", ana.token());
    assertThat(detail.status()).isEqualTo(400);
    assertThat(detail.error()).isEqualTo("id must be a 24-character hexadecimal id");

    Response injection = api.post("/api/emails/claim", ana.token(), "{\"threadId\": {\"$ne\": null}}");
    assertThat(injection.status()).isEqualTo(400);
    assertThat(injection.error()).isEqualTo("Field threadId must be a non-empty string");
  }

  @Test
  void missingTokenShouldAnswer401() {
    Response response = api.post("/api/emails/claim", null, threadBody(ticket.id()));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.error()).isEqualTo("Missing API token: send Authorization: Bearer <token>");

    Response list = api.get("/api/emails/tickets/unassigned", null);
    assertThat(list.status()).isEqualTo(401);
  }

  @Test
  void wrongTokenShouldAnswer401() {
    Response response = api.post("/api/emails/claim", "cd_forged", threadBody(ticket.id()));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.error()).isEqualTo("Invalid or expired token");

    Response basic = api.send(api.request("/api/emails/claim", null).header("Authorization", "Basic YW5hOnB3")
        .POST(HttpRequest.BodyPublishers.ofString(threadBody(ticket.id()))).build());
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.error()).isEqualTo("Authorization must use the Bearer scheme");
  }

  @Test
  void oversizedBodyShouldAnswer413() {
    String padding = "x".repeat((int) WebServer.MAX_REQUEST_BYTES + 10);
    Response response = api.post("/api/emails/claim", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"pad\":\"" + padding + "\"}");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.error()).isEqualTo("Request body is larger than 1048576 bytes (1 MB)");
  }

  @Test
  void invalidStatusAndLimitShouldAnswer400() {
    Response status = api.post("/api/emails/status", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"closed\"}");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.error()).isEqualTo("Unknown status: closed (expected one of open, in_progress, waiting, resolved)");

    Response limit = api.get("/api/emails/tickets?limit=100000", ana.token());
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.error()).isEqualTo("limit must be a number from 1 to 200");

    Response cursor = api.get("/api/emails/tickets?cursor=bogus", ana.token());
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.error()).isEqualTo("Invalid cursor");
  }

  @Test
  void unknownPathShouldAnswerJson404() {
    Response response = api.get("/api/nothing-here", ana.token());
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error()).isEqualTo("Endpoint GET /api/nothing-here not found");
  }
}
