package io.claimdesk.web.ticket;

import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.web.page.SnippetHtml;
import io.claimdesk.core.ticket.ThreadMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tickets, messages and history in the API's JSON shape: a ticket's id is {@code _id}, its owner the flat
 * {@code assignedTo*} fields (null when unassigned), times ISO-8601 instants. Clients depend on these names.
 */
final class TicketJson {
  private TicketJson() {}

  static Map<String, Object> ticket(EmailThread t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", t.id());
    json.put("mailbox", t.mailbox());
    json.put("from", t.customerEmail());
    json.put("fromName", t.customerName());
    json.put("subject", t.subject());
    json.put("status", t.status().value());
    json.putAll(owner(t.owner()));
    json.put("receivedAt", t.receivedAt());
    json.put("lastMessageAt", t.lastMessageAt());
    json.put("messageCount", t.messageCount());
    json.put("version", t.version());
    json.put("lastInboundAt", t.lastInboundAt());
    json.put("lastReplyAt", t.lastReplyAt());
    json.put("needsReply", t.needsReply());
    json.put("waitingSince", t.waitingSince());
    return json;
  }

  /** A page of a list; with a search, each ticket whose messages hold a hit also has its {@code snippet}. */
  static List<Map<String, Object>> tickets(TicketPage page) {
    return page.tickets().stream().map(t -> {
      Map<String, Object> json = ticket(t);
      Snippet snippet = page.snippets().get(t.id());
      if (snippet != null) {
        json.put("snippet", SnippetHtml.of(snippet));
      }
      return json;
    }).toList();
  }

  static List<Map<String, Object>> tickets(List<EmailThread> tickets) {
    return tickets.stream().map(TicketJson::ticket).toList();
  }

  /** The owner fields; all null when the ticket is unassigned. */
  static Map<String, Object> owner(Owner owner) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("assignedTo", owner == null ? null : owner.memberId());
    json.put("assignedToEmail", owner == null ? null : owner.email());
    json.put("assignedToName", owner == null ? null : owner.name());
    json.put("claimedAt", owner == null ? null : owner.claimedAt());
    return json;
  }

  static Map<String, Object> message(ThreadMessage m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("direction", m.direction().name().toLowerCase());
    json.put("messageId", m.messageId());
    json.put("inReplyTo", m.inReplyTo());
    json.put("references", m.references());
    json.put("from", m.from());
    json.put("fromName", m.fromName());
    json.put("to", m.to());
    json.put("cc", m.cc());
    json.put("date", m.date());
    json.put("text", m.text());
    json.put("html", m.html());
    json.put("attachments", m.attachments());
    json.put("authorId", m.authorMemberId());
    return json;
  }

  /** A reply the mail server has not accepted (yet): {@code status} is {@code sending} or {@code failed}. */
  static Map<String, Object> pendingReply(PendingReply r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", r.id());
    json.put("authorId", r.authorId());
    json.put("messageId", r.messageId());
    json.put("status", r.status().value());
    json.put("error", r.error());
    json.put("attempts", r.attempts());
    json.put("body", r.body());
    json.put("createdAt", r.createdAt());
    json.put("updatedAt", r.updatedAt());
    return json;
  }

  static Map<String, Object> event(AssignmentEvent e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", e.action().value());
    json.put("actorId", e.actorId());
    json.put("actorEmail", e.actorEmail());
    json.put("previousOwnerEmail", e.previousOwnerEmail());
    json.put("newOwnerEmail", e.newOwnerEmail());
    json.put("via", e.via().value());
    json.put("at", e.at());
    return json;
  }
}
