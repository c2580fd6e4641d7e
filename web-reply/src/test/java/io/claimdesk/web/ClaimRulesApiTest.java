package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.threadBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every claim rule (claim, unclaim, reassign, status, reply; each allowed and refused case) through the HTTP API on a
 * real port, with the exact statuses and messages.
 */
class ClaimRulesApiTest {
  private ApiFixture api;
  private Member ana;
  private Member bo;
  private Member mia;
  private EmailThread ticket;

  @BeforeEach
  void setUp() {
    api = new ApiFixture();
    ana = api.member("Ana", Role.AGENT);
    bo = api.member("Bo", Role.AGENT);
    mia = api.member("Mia", Role.MANAGER);
    ticket = api.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private Response claim(Member m) {
    return api.post("/api/emails/claim", m.token(), threadBody(ticket.id()));
  }

  private EmailThread stored() {
    return api.stores.tickets().find(ticket.id()).orElseThrow();
  }

  @Test
  void claimShouldGiveAnUnownedTicketToTheClaimer() {
    Response response = claim(ana);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("success").asBoolean()).isTrue();
    assertThat(response.json().path("assignedTo").asText()).isEqualTo(ana.id());
    assertThat(response.json().path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(response.json().path("assignedToName").asText()).isEqualTo("Ana");
    assertThat(Instant.parse(response.json().path("claimedAt").asText())).isNotNull();
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id())).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AssignmentAction.CLAIMED);
      assertThat(e.via()).isEqualTo(Via.API);
      assertThat(e.newOwnerEmail()).isEqualTo("ana@example.com");
    });
  }

  @Test
  void claimingYourOwnTicketAgainShouldSucceedWithoutANewEvent() {
    claim(ana);
    Response again = claim(ana);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id())).hasSize(1);
  }

  @Test
  void claimShouldFailWhenAnotherMemberOwnsTheTicket() {
    claim(ana);
    Response response = claim(bo);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.error()).isEqualTo("Ticket is already claimed by ana@example.com");
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void ownerShouldUnclaim() {
    claim(ana);
    Response response = api.post("/api/emails/unclaim", ana.token(), threadBody(ticket.id()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("success").asBoolean()).isTrue();
    assertThat(response.json().path("message").asText()).isEqualTo("Ticket unclaimed successfully");
    assertThat(stored().owner()).isNull();
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id())).extracting(AssignmentEvent::action)
        .containsExactly(AssignmentAction.CLAIMED, AssignmentAction.UNCLAIMED);
  }

  @Test
  void unclaimShouldFailForAnotherAgent() {
    claim(ana);
    Response response = api.post("/api/emails/unclaim", bo.token(), threadBody(ticket.id()));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.error()).isEqualTo("You can only unclaim your own tickets");
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void managerShouldUnclaimSomeoneElsesTicket() {
    claim(ana);
    Response response = api.post("/api/emails/unclaim", mia.token(), threadBody(ticket.id()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(stored().owner()).isNull();
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id()).get(1).actorEmail()).isEqualTo("mia@example.com");
  }

  @Test
  void replyToAnUnownedTicketShouldClaimItThenSend() {
    Response response = api.post("/api/emails/reply", bo.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"body\":\"We are on it.\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("success").asBoolean()).isTrue();
    assertThat(response.json().path("messageId").asText()).isEqualTo("<reply-1@claimdesk.test>");
    assertThat(response.json().path("assignedToEmail").asText()).isEqualTo("bo@example.com");
    assertThat(api.sender.sent).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("We are on it."));
    assertThat(stored().status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(stored().messageCount()).isEqualTo(1);
    assertThat(api.stores.messageIds().find("<reply-1@claimdesk.test>")).hasValueSatisfying(
        e -> assertThat(e.threadId()).isEqualTo(ticket.id()));
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id())).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AssignmentAction.AUTO_CLAIMED);
      assertThat(e.newOwnerEmail()).isEqualTo("bo@example.com");
    });
  }

  @Test
  void replyToYourOwnTicketShouldSend() {
    claim(ana);
    Response response = api.post("/api/emails/reply", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"body\":\"Second answer\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(api.sender.sent).hasSize(1);
    api.settle();
    assertThat(api.stores.assignments().history(ticket.id())).hasSize(1);
  }

  @Test
  void replyToSomeoneElsesTicketShouldBeRefusedAndSendNothing() {
    claim(ana);
    Response response = api.post("/api/emails/reply", bo.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"body\":\"I will answer instead\"}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.error()).isEqualTo("Ticket is already claimed by ana@example.com");
    assertThat(api.sender.sent).isEmpty();
    assertThat(stored().messageCount()).isZero();
  }

  @Test
  void failedSendShouldBeKeptOnTheTicketAndItsRetryRecordedOnce() {
    api.sender.failing = true;
    Response failed = api.post("/api/emails/reply", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"body\":\"Hello\"}");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.error()).isEqualTo("connection refused");
    String replyId = failed.json().path("replyId").asText();
    assertThat(stored().messageCount()).isZero();
    JsonNode unsent = api.get("/api/emails/tickets/" + ticket.id(), ana.token()).json().path("unsentReplies");
    assertThat(unsent).hasSize(1);
    assertThat(unsent.get(0).path("_id").asText()).isEqualTo(replyId);
    assertThat(unsent.get(0).path("status").asText()).isEqualTo("failed");
    assertThat(unsent.get(0).path("error").asText()).isEqualTo("connection refused");
    assertThat(unsent.get(0).path("body").asText()).isEqualTo("Hello");
    String messageId = unsent.get(0).path("messageId").asText();

    Response notHers = api.post("/api/emails/replies/" + replyId + "/retry", bo.token(), "{}");
    assertThat(notHers.status()).isEqualTo(403);
    assertThat(notHers.error()).isEqualTo("You can only retry your own replies");
    api.sender.failing = false;
    Response retried = api.post("/api/emails/replies/" + replyId + "/retry", ana.token(), "{}");

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().path("messageId").asText()).isEqualTo(messageId);
    assertThat(retried.json().path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    assertThat(stored().messageCount()).isEqualTo(1);
    assertThat(api.sender.sent).extracting(OutgoingReply::messageId).containsExactly(messageId);
    assertThat(api.get("/api/emails/tickets/" + ticket.id(), ana.token()).json().path("unsentReplies")).isEmpty();
    Response twice = api.post("/api/emails/replies/" + replyId + "/retry", ana.token(), "{}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error()).isEqualTo("This reply was sent already");
    assertThat(api.sender.sent).hasSize(1);
    assertThat(api.post("/api/emails/replies/0123456789abcdef01234567/retry", ana.token(), "{}").status())
        .isEqualTo(404);
  }

  @Test
  void failedReplyShouldBeDiscardableByItsAuthorAndNeverSent() {
    api.sender.failing = true;
    String replyId = api.post("/api/emails/reply", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"body\":\"Wrong text\"}").json().path("replyId").asText();
    api.sender.failing = false;

    Response discarded = api.post("/api/emails/replies/" + replyId + "/discard", ana.token(), "{}");

    assertThat(discarded.status()).isEqualTo(200);
    assertThat(discarded.json().path("status").asText()).isEqualTo("discarded");
    assertThat(api.get("/api/emails/tickets/" + ticket.id(), ana.token()).json().path("unsentReplies")).isEmpty();
    Response retried = api.post("/api/emails/replies/" + replyId + "/retry", ana.token(), "{}");
    assertThat(retried.status()).isEqualTo(409);
    assertThat(retried.error()).isEqualTo("This reply was discarded");
    assertThat(api.sender.sent).isEmpty();
    assertThat(stored().messageCount()).isZero();
  }

  @Test
  void reassignShouldBeRefusedForAgents() {
    claim(ana);
    Response response = api.post("/api/emails/reassign", bo.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"memberId\":\"" + bo.id() + "\"}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.error()).isEqualTo("Only managers can reassign tickets");
    assertThat(stored().owner().memberId()).isEqualTo(ana.id());
  }

  @Test
  void managerShouldReassignToAnyActiveMember() {
    claim(ana);
    Response response = api.post("/api/emails/reassign", mia.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"memberId\":\"" + bo.id() + "\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("assignedTo").asText()).isEqualTo(bo.id());
    assertThat(response.json().path("assignedToEmail").asText()).isEqualTo("bo@example.com");
    api.settle();
    AssignmentEvent event = api.stores.assignments().history(ticket.id()).get(1);
    assertThat(event.action()).isEqualTo(AssignmentAction.REASSIGNED);
    assertThat(event.previousOwnerEmail()).isEqualTo("ana@example.com");
    assertThat(event.newOwnerEmail()).isEqualTo("bo@example.com");

    Response unknownMember = api.post("/api/emails/reassign", mia.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"memberId\":\"" + new ObjectId() + "\"}");
    assertThat(unknownMember.status()).isEqualTo(400);
    assertThat(unknownMember.error()).isEqualTo("Team member not found or inactive");
  }

  @Test
  void statusShouldBeChangedByTheOwnerButNotByAnotherAgent() {
    claim(ana);
    Response refused = api.post("/api/emails/status", bo.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"resolved\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("You can only change the status of your own tickets");

    Response changed = api.post("/api/emails/status", ana.token(),
        "{\"threadId\":\"" + ticket.id() + "\",\"status\":\"waiting\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("status").asText()).isEqualTo("waiting");
    assertThat(stored().status()).isEqualTo(TicketStatus.WAITING);
  }

  @Test
  void everyActionOnAnUnknownTicketShouldAnswer404() {
    String unknown = new ObjectId().toHexString();
    String[][] calls = {
        {"/api/emails/claim", threadBody(unknown)},
        {"/api/emails/unclaim", threadBody(unknown)},
        {"/api/emails/reply", "{\"threadId\":\"" + unknown + "\",\"body\":\"hi\"}"},
        {"/api/emails/reassign", "{\"threadId\":\"" + unknown + "\",\"memberId\":\"" + ana.id() + "\"}"},
        {"/api/emails/status", "{\"threadId\":\"" + unknown + "\",\"status\":\"open\"}"},
    };
    for (String[] call : calls) {
      Response response = api.post(call[0], mia.token(), call[1]);
      assertThat(response.status()).as(call[0]).isEqualTo(404);
      assertThat(response.error()).as(call[0]).isEqualTo("Ticket not found");
    }
    Response detail = api.get("/api/emails/tickets/" + unknown, ana.token());
    assertThat(detail.status()).isEqualTo(404);
    assertThat(detail.error()).isEqualTo("Ticket not found");
    assertThat(api.sender.sent).isEmpty();
  }
}
