package io.claimdesk.voice.softphone;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactService;
import io.claimdesk.core.contact.PhoneNumbers;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/voice/caller-tickets?phone=}: the open tickets of the contact with this number, each with its
 * owner, for the card the softphone shows while a call rings (one indexed lookup of the number, one of the tickets).
 */
final class CallerTicketsController {
  static final int LIMIT = 10;

  private final ContactService contacts;
  private final TicketStore tickets;

  CallerTicketsController(ContactService contacts, TicketStore tickets) {
    this.contacts = contacts;
    this.tickets = tickets;
  }

  void list(Context ctx) {
    String phone = ctx.queryParam("phone");
    if (phone == null || phone.isBlank()) {
      throw ApiException.badRequest("Parameter phone is required");
    }
    String e164 = PhoneNumbers.e164(phone).orElseThrow(() -> ApiException.badRequest(PhoneNumbers.invalid(phone)));
    Contact contact = contacts.findByPhone(e164)
        .orElseThrow(() -> new ApiException(404, "No contact has the number " + e164));
    List<EmailThread> open = tickets.unresolvedFrom(contact.emails(), contact.phones(), LIMIT);
    ctx.json(Map.of("tickets", open.stream().map(CallerTicketsController::json).toList()));
  }

  private static Map<String, Object> json(EmailThread t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", t.id());
    json.put("subject", t.subject());
    json.put("status", t.status().value());
    json.put("assignedTo", t.owner() == null ? null : t.owner().memberId());
    json.put("assignedToName", t.owner() == null ? null : t.owner().name());
    json.put("assignedToEmail", t.owner() == null ? null : t.owner().email());
    json.put("lastMessageAt", t.lastMessageAt());
    return json;
  }
}
