package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Internal notes: any active member writes one on any ticket, owned by anyone; it is stored as a message with
 * direction {@code note}, never handed to the mail sender, and claims nothing.
 */
class NoteApiTest {
  private ApiFixture fixture;
  private Member ana;
  private Member bo;
  private EmailThread ticket;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    ticket = fixture.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response note(Member m, String threadId, String body) {
    return fixture.post("/api/emails/note", m.token(), "{\"threadId\":\"" + threadId + "\",\"body\":"
        + (body == null ? "null" : io.claimdesk.web.http.Json.MAPPER.valueToTree(body).toString()) + "}");
  }

  @Test
  void aNoteShouldBeStoredAsANoteNeverSentAndClaimNothing() {
    Response added = note(ana, ticket.id(), "  Customer called, wants a callback after 3 pm  ");

    assertThat(added.status()).isEqualTo(201);
    JsonNode json = added.json();
    assertThat(json.path("direction").asText()).isEqualTo("note");
    assertThat(json.path("text").asText()).isEqualTo("Customer called, wants a callback after 3 pm");
    assertThat(json.path("from").asText()).isEqualTo("ana@example.com");
    assertThat(json.path("fromName").asText()).isEqualTo("Ana");
    assertThat(json.path("authorId").asText()).isEqualTo(ana.id());
    assertThat(json.path("date").asText()).isNotEmpty();
    assertThat(fixture.sender.sent).isEmpty();
    EmailThread after = fixture.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(after.isOwned()).isFalse();
    assertThat(after.messageCount()).isEqualTo(1);

    JsonNode detail = fixture.get("/api/emails/tickets/" + ticket.id(), bo.token()).json();
    assertThat(detail.path("messages")).hasSize(1);
    assertThat(detail.path("messages").get(0).path("direction").asText()).isEqualTo("note");
    assertThat(detail.path("assignedTo").isNull()).isTrue();
    assertThat(detail.path("history")).isEmpty();
  }

  @Test
  void anyMemberShouldNoteATicketSomeoneElseOwnsWithoutTakingIt() {
    fixture.claims.claim(ticket.id(), ana.member(), Via.API);

    Response added = note(bo, ticket.id(), "I know this customer: VIP");

    assertThat(added.status()).isEqualTo(201);
    EmailThread after = fixture.stores.tickets().find(ticket.id()).orElseThrow();
    assertThat(after.owner().memberId()).isEqualTo(ana.id());
    assertThat(fixture.stores.tickets().messages(ticket.id())).extracting(ThreadMessage::direction, ThreadMessage::text)
        .containsExactly(org.assertj.core.api.Assertions.tuple(ThreadMessage.Direction.NOTE, "I know this customer: VIP"));
    assertThat(fixture.sender.sent).isEmpty();
  }

  @Test
  void badNotesShouldBeRefusedWithClearMessages() {
    Response unknown = note(ana, "5f0000000000000000000000", "hello");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("Ticket not found");

    Response empty = note(ana, ticket.id(), "   ");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.error()).isEqualTo("Note must not be empty");

    Response missing = note(ana, ticket.id(), null);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("Note must not be empty");

    Response huge = note(ana, ticket.id(), "x".repeat(10_001));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.error()).isEqualTo("Note is longer than 10000 characters");

    Response badId = note(ana, "nope", "hello");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.error()).isEqualTo("threadId must be a 24-character hexadecimal id");
    assertThat(fixture.stores.tickets().messages(ticket.id())).isEmpty();
  }

  @Test
  void theTicketPageShouldTakeANoteAndShowItMarkedInternal() {
    fixture.claims.claim(ticket.id(), ana.member(), Via.API);
    WebSession boSession = fixture.login(bo);

    WebResponse posted = fixture.web(fixture.form("/dashboard/tickets/" + ticket.id() + "/note", boSession.cookie(),
        Map.of("_csrf", boSession.csrf(), "body", "Called back, <b>no answer</b>")));

    assertThat(posted.status()).isEqualTo(302);
    String noteId = fixture.stores.tickets().messages(ticket.id()).get(0).id();
    assertThat(posted.location()).isEqualTo("/dashboard/tickets/" + ticket.id() + "#message-" + noteId);
    Document page = fixture.web(fixture.page("/dashboard/tickets/" + ticket.id(), boSession.cookie())).document();
    Element note = page.selectFirst("li.message.note");
    assertThat(note).isNotNull();
    assertThat(note.id()).isEqualTo("message-" + noteId);
    assertThat(note.selectFirst(".internal-badge").text()).isEqualTo("Internal note");
    assertThat(note.selectFirst("pre.body").text()).isEqualTo("Called back, <b>no answer</b>");
    assertThat(page.select(".flash").text()).isEqualTo("Internal note added. The customer does not see it.");
    assertThat(page.selectFirst("#note-form textarea[name=body]")).isNotNull();
    assertThat(fixture.stores.tickets().find(ticket.id()).orElseThrow().owner().memberId()).isEqualTo(ana.id());
    assertThat(fixture.sender.sent).isEmpty();

    // without the CSRF token nothing is stored
    WebResponse forged = fixture.web(fixture.form("/dashboard/tickets/" + ticket.id() + "/note", boSession.cookie(),
        Map.of("body", "forged")));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(fixture.stores.tickets().messages(ticket.id())).hasSize(1);
  }
}
