package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/emails/tickets?q=}: every word, plain text, in subject, sender or messages; and the list's sorts. */
class SearchApiTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private ApiFixture api;
  private Member ana;
  private EmailThread printer;
  private EmailThread invoice;
  private EmailThread version;

  @BeforeEach
  void setUp() {
    api = new ApiFixture();
    ana = api.member("Ana", Role.AGENT);
    printer = mail("Printer on fire", "dev@example.org", "Dana Vogel", T0, "The office printer is smoking.");
    invoice = mail("Invoice 42", "billing@acme.example", "Rui Costa", T0.plusSeconds(60),
        "I was charged twice; see <b>attached</b> & answer.");
    version = mail("Release a.b (beta)", "qa@example.net", "Quinn", T0.plusSeconds(120),
        "Costs $5 * 2, not $where or .*");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private EmailThread mail(String subject, String email, String name, Instant at, String text) {
    EmailThread t = api.stores.tickets().insert(new NewThread("support@example.com", subject, email, name,
        TicketStatus.OPEN, at));
    api.stores.tickets().appendMessage(t.id(), new ThreadMessage(null, t.id(), ThreadMessage.Direction.INBOUND,
        "<" + new ObjectId() + "@example.org>", null, List.of(), email, name, List.of("support@example.com"),
        List.of(), at, text, null, List.of(), null), null);
    return t;
  }

  private Response search(String q) {
    return api.get("/api/emails/tickets?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), ana.token());
  }

  private List<String> found(String q) {
    Response response = search(q);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("tickets").forEach(t -> ids.add(t.path("_id").asText()));
    return ids;
  }

  @Test
  void searchShouldFindBySubjectBodySenderAndNameWhateverTheCase() {
    assertThat(found("fire")).containsExactly(printer.id());
    assertThat(found("SMOKING")).containsExactly(printer.id());
    assertThat(found("billing@acme.example")).containsExactly(invoice.id());
    assertThat(found("acme")).containsExactly(invoice.id());
    assertThat(found("Costa")).containsExactly(invoice.id());
    assertThat(found("rui costa")).containsExactly(invoice.id());
    assertThat(found("charged twice")).containsExactly(invoice.id());
    assertThat(found("invoice twice")).containsExactly(invoice.id()); // one word in the subject, one in the body
    assertThat(found("printer twice")).isEmpty();
    assertThat(found("o")).containsExactly(version.id(), invoice.id(), printer.id()); // newest first
  }

  @Test
  void metacharactersAndOperatorsShouldBeLiteral() {
    assertThat(found("a.b")).containsExactly(version.id());
    assertThat(found("axb")).isEmpty();
    assertThat(found("(")).containsExactly(version.id());
    assertThat(found("(beta)")).containsExactly(version.id());
    assertThat(found("*")).containsExactly(version.id());
    assertThat(found(".*")).containsExactly(version.id()); // the two characters, which the message holds
    assertThat(found("$where")).containsExactly(version.id());
    assertThat(found("$5")).containsExactly(version.id());
    assertThat(found("^release")).isEmpty();
    assertThat(found("[a-z]")).isEmpty();
    assertThat(found("{\"$gt\":\"\"}")).isEmpty();
    Response json = api.get("/api/emails/tickets?q[$ne]=x", ana.token());
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().path("tickets")).hasSize(3); // an unknown parameter, not an operator
  }

  @Test
  void hitsShouldCarryAnEscapedSnippetWithTheHitMarked() {
    JsonNode ticket = search("ATTACHED").json().path("tickets").get(0);
    assertThat(ticket.path("_id").asText()).isEqualTo(invoice.id());
    assertThat(ticket.path("snippet").asText())
        .isEqualTo("I was charged twice; see &lt;b&gt;<mark>attached</mark>&lt;/b&gt; &amp; answer.");
    // a hit in the subject only: no message text to show
    assertThat(search("fire").json().path("tickets").get(0).has("snippet")).isFalse();
  }

  @Test
  void searchShouldPageWithTheCursorAndCombineWithFilters() {
    for (int i = 0; i < 5; i++) {
      mail("Router " + i, "r" + i + "@example.org", "R", T0.plusSeconds(300 + i), "router blinks");
    }
    Response first = api.get("/api/emails/tickets?q=router&limit=3", ana.token());
    assertThat(first.json().path("tickets")).hasSize(3);
    Response second = api.get("/api/emails/tickets?q=router&limit=3&cursor="
        + first.json().path("nextCursor").asText(), ana.token());
    assertThat(second.json().path("tickets")).hasSize(2);
    assertThat(second.json().path("nextCursor").isNull()).isTrue();

    api.post("/api/emails/claim", ana.token(), threadBody(printer.id()));
    assertThat(ids(api.get("/api/emails/tickets?q=printer&assignee=me", ana.token()))).containsExactly(printer.id());
    assertThat(ids(api.get("/api/emails/tickets?q=printer&assignee=none", ana.token()))).isEmpty();
    assertThat(ids(api.get("/api/emails/tickets?q=router&status=waiting", ana.token()))).isEmpty();
  }

  @Test
  void sortShouldOrderTheListAndRefuseUnknownValues() {
    api.stores.tickets().appendMessage(printer.id(), new ThreadMessage(null, printer.id(),
        ThreadMessage.Direction.INBOUND, "<late@example.org>", null, List.of(), "dev@example.org", "Dana",
        List.of("support@example.com"), List.of(), T0.plusSeconds(900), "still burning", null, List.of(), null), null);

    assertThat(ids(api.get("/api/emails/tickets?sort=activity", ana.token())))
        .containsExactly(printer.id(), version.id(), invoice.id());
    Response first = api.get("/api/emails/tickets?sort=activity&limit=2", ana.token());
    Response rest = api.get("/api/emails/tickets?sort=activity&limit=2&cursor="
        + first.json().path("nextCursor").asText(), ana.token());
    assertThat(ids(rest)).containsExactly(invoice.id());
    Response wrongCursor = api.get("/api/emails/tickets?sort=owner&cursor="
        + first.json().path("nextCursor").asText(), ana.token());
    assertThat(wrongCursor.status()).isEqualTo(400);
    assertThat(wrongCursor.error()).isEqualTo("Invalid cursor");

    Response unknown = api.get("/api/emails/tickets?sort=price", ana.token());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).isEqualTo("Unknown sort: price (expected one of received, activity, status, owner)");
  }

  @Test
  void tooLongSearchesShouldBeRefusedClearly() {
    Response tooLong = search("x".repeat(201));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error()).isEqualTo("q must be at most 200 characters");
    Response tooMany = search("a b c d e f g h i");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.error()).isEqualTo("q must have at most 8 words");
  }

  @Test
  void ticketsShouldSayWhenTheCustomerWaitsForAReply() {
    JsonNode before = api.get("/api/emails/tickets/" + printer.id(), ana.token()).json();
    assertThat(before.path("needsReply").asBoolean()).isTrue();
    assertThat(before.path("waitingSince").asText()).isEqualTo("2026-11-01T09:00:00Z");

    Response replied = api.post("/api/emails/reply", ana.token(),
        "{\"threadId\":\"" + printer.id() + "\",\"body\":\"On our way.\"}");
    assertThat(replied.status()).isEqualTo(200);
    JsonNode after = api.get("/api/emails/tickets/mine", ana.token()).json().path("tickets").get(0);
    assertThat(after.path("needsReply").asBoolean()).isFalse();
    assertThat(after.path("waitingSince").isNull()).isTrue();
    assertThat(after.path("lastReplyAt").isNull()).isFalse();
  }

  @Test
  void aResolvedTicketShouldWaitForNobody() {
    assertThat(api.post("/api/emails/claim", ana.token(), "{\"threadId\":\"" + printer.id() + "\"}").status())
        .isEqualTo(200);
    Response resolved = api.post("/api/emails/status", ana.token(),
        "{\"threadId\":\"" + printer.id() + "\",\"status\":\"resolved\"}");
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

    JsonNode after = api.get("/api/emails/tickets/" + printer.id(), ana.token()).json();
    assertThat(after.path("status").asText()).isEqualTo("resolved");
    assertThat(after.path("needsReply").asBoolean()).isFalse();
    assertThat(after.path("waitingSince").isNull()).isTrue();
    assertThat(after.path("lastReplyAt").isNull()).isTrue();
  }

  private static List<String> ids(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("tickets").forEach(t -> ids.add(t.path("_id").asText()));
    return ids;
  }
}
