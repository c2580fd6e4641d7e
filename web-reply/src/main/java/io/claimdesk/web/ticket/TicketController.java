package io.claimdesk.web.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.NoteOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.ReplyDraft;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiErrors;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code /api/emails} endpoints: each turns a request into one service call and its outcome into JSON. */
public final class TicketController {
  static final int QUEUE_LIMIT = 500;
  private static final String STATUSES =
      Arrays.stream(TicketStatus.values()).map(TicketStatus::value).collect(Collectors.joining(", "));

  private final ClaimService claims;
  private final ReplyService replies;
  private final TicketStore tickets;
  private final AssignmentLog history;

  /** {@code replies} is null when no mail sender is configured: replies then answer 503. */
  public TicketController(ClaimService claims, ReplyService replies, TicketStore tickets, AssignmentLog history) {
    this.claims = claims;
    this.replies = replies;
    this.tickets = tickets;
    this.history = history;
  }

  public void claim(Context ctx) {
    EmailThread thread = won(claims.claim(threadId(ctx), ApiAuth.member(ctx), Via.API));
    ctx.json(ownerResult(thread));
  }

  public void unclaim(Context ctx) {
    won(claims.unclaim(threadId(ctx), ApiAuth.member(ctx), Via.API));
    ctx.json(Map.of("success", true, "message", "Ticket unclaimed successfully"));
  }

  public void reassign(Context ctx) {
    JsonNode body = Json.object(ctx);
    String threadId = Json.id(body, "threadId");
    String memberId = Json.id(body, "memberId");
    ctx.json(ownerResult(won(claims.reassign(threadId, ApiAuth.member(ctx), memberId, Via.API))));
  }

  public void status(Context ctx) {
    JsonNode body = Json.object(ctx);
    String threadId = Json.id(body, "threadId");
    TicketStatus status = status(Json.text(body, "status"));
    ctx.json(TicketJson.ticket(won(claims.changeStatus(threadId, ApiAuth.member(ctx), status, Via.API))));
  }

  public void reply(Context ctx) {
    JsonNode body = Json.object(ctx);
    String threadId = Json.id(body, "threadId");
    String text = Json.text(body, "body");
    ReplyDraft draft = new ReplyDraft(text, addresses(body, "cc"), List.of());
    sent(ctx, replies().reply(threadId, ApiAuth.member(ctx), draft, Via.API));
  }

  /** {@code POST /api/emails/note}: an internal note on any ticket; never mailed, claims nothing. */
  public void note(Context ctx) {
    JsonNode body = Json.object(ctx);
    String threadId = Json.id(body, "threadId");
    String text = Json.optionalText(body, "body");
    NoteOutcome outcome = claims.note(threadId, ApiAuth.member(ctx), text, Via.API);
    if (outcome instanceof NoteOutcome.Refused refused) {
      throw ApiErrors.refusal(refused.reason());
    }
    ctx.status(201).json(TicketJson.message(((NoteOutcome.Added) outcome).note()));
  }

  /** {@code POST /api/emails/replies/{id}/retry}: sends a failed reply again, as the same mail. */
  public void retryReply(Context ctx) {
    String replyId = Json.id(ctx.pathParam("id"), "id");
    sent(ctx, replies().retry(replyId, ApiAuth.member(ctx), Via.API));
  }

  /** {@code POST /api/emails/replies/{id}/discard}: gives up a failed reply. */
  public void discardReply(Context ctx) {
    String replyId = Json.id(ctx.pathParam("id"), "id");
    ReplyOutcome outcome = replies().discard(replyId, ApiAuth.member(ctx));
    if (!(outcome instanceof ReplyOutcome.Discarded)) {
      throw ApiErrors.refusal(outcome);
    }
    ctx.json(Map.of("success", true, "replyId", replyId, "status", "discarded"));
  }

  private ReplyService replies() {
    if (replies == null) {
      throw ApiException.repliesOff();
    }
    return replies;
  }

  /**
   * The answer to a reply or a retry: the owner fields and the Message-ID; a failed send answers 502 with the id
   * of the reply kept for a retry.
   */
  private static void sent(Context ctx, ReplyOutcome outcome) {
    if (outcome instanceof ReplyOutcome.SendFailed failed) {
      ctx.status(502).json(Map.of("error", failed.message(), "replyId", failed.replyId()));
      return;
    }
    if (!(outcome instanceof ReplyOutcome.Sent sent)) {
      throw ApiErrors.refusal(outcome);
    }
    Map<String, Object> json = ownerResult(sent.thread());
    json.put("messageId", sent.messageId());
    json.put("status", sent.thread().status().value());
    ctx.json(json);
  }

  public void list(Context ctx) {
    TicketStatus status = ctx.queryParam("status") == null || ctx.queryParam("status").isBlank()
        ? null : status(ctx.queryParam("status"));
    String assignee = assignee(ctx, ctx.queryParam("assignee"));
    int limit = limit(ctx.queryParam("limit"));
    String cursor = ctx.queryParam("cursor");
    TicketSort sort = sort(ctx.queryParam("sort"));
    TicketQuery query;
    try {
      query = new TicketQuery(status, assignee, limit, cursor == null || cursor.isBlank() ? null : cursor,
          ctx.queryParam("q"), sort);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    TicketPage page;
    try {
      page = tickets.list(query);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid cursor");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tickets", TicketJson.tickets(page));
    json.put("nextCursor", page.nextCursor());
    ctx.json(json);
  }

  public void mine(Context ctx) {
    ctx.json(Map.of("tickets", TicketJson.tickets(tickets.ownedBy(ApiAuth.member(ctx).id(), QUEUE_LIMIT))));
  }

  public void unassigned(Context ctx) {
    ctx.json(Map.of("tickets", TicketJson.tickets(tickets.unassigned(QUEUE_LIMIT))));
  }

  public void detail(Context ctx) {
    String id = Json.id(ctx.pathParam("id"), "id");
    EmailThread thread = tickets.find(id).orElseThrow(() -> new ApiException(404, "Ticket not found"));
    Map<String, Object> json = TicketJson.ticket(thread);
    json.put("messages", tickets.messages(id).stream().map(TicketJson::message).toList());
    json.put("history", history.history(id).stream().map(TicketJson::event).toList());
    json.put("unsentReplies", replies == null ? List.of()
        : replies.unsent(id).stream().map(TicketJson::pendingReply).toList());
    ctx.json(json);
  }

  /** An optional array of address strings; 400 when it is anything else. */
  private static List<String> addresses(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiException.badRequest("Field " + field + " must be an array of email addresses");
    }
    List<String> addresses = new java.util.ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.badRequest("Field " + field + " must be an array of email addresses");
      }
      addresses.add(item.asText().strip());
    }
    return addresses;
  }

  private static String threadId(Context ctx) {
    return Json.id(Json.object(ctx), "threadId");
  }

  private static EmailThread won(ClaimOutcome outcome) {
    if (outcome instanceof ClaimOutcome.Won won) {
      return won.thread();
    }
    throw ApiErrors.refusal(outcome);
  }

  private static Map<String, Object> ownerResult(EmailThread thread) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("success", true);
    json.putAll(TicketJson.owner(thread.owner()));
    return json;
  }

  private static TicketStatus status(String value) {
    return TicketStatus.parse(value)
        .orElseThrow(() -> ApiException.badRequest("Unknown status: " + value + " (expected one of " + STATUSES + ")"));
  }

  private static TicketSort sort(String value) {
    if (value == null || value.isBlank()) {
      return TicketSort.RECEIVED;
    }
    return TicketSort.parse(value).orElseThrow(() -> ApiException.badRequest("Unknown sort: " + value
        + " (expected one of " + Arrays.stream(TicketSort.values()).map(TicketSort::value)
        .collect(Collectors.joining(", ")) + ")"));
  }

  private static String assignee(Context ctx, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.equals("me")) {
      return ApiAuth.member(ctx).id();
    }
    return value.equals(TicketQuery.UNASSIGNED) ? value : Json.id(value, "assignee");
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= TicketQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw ApiException.badRequest("limit must be a number from 1 to " + TicketQuery.MAX_LIMIT);
  }
}
