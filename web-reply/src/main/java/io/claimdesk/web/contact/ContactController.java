package io.claimdesk.web.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactService;
import io.claimdesk.core.contact.ContactUpdate;
import io.claimdesk.core.contact.PhoneNumbers;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/contacts?q=&phone=}, {@code GET /api/contacts/{id}}, {@code POST /api/contacts} and
 * {@code PATCH /api/contacts/{id}}, for any member.
 */
public final class ContactController {
  static final String NOT_FOUND = "Contact not found";
  private static final Set<String> FIELDS = Set.of("name", "emails", "phones", "notes");
  private static final int MAX_TEXT = 10_000;
  private static final int LIST_LIMIT = 50;

  private final ContactService contacts;

  public ContactController(ContactService contacts) {
    this.contacts = contacts;
  }

  /** {@code phone} is an exact lookup of the normalised number; {@code q} searches names and addresses. */
  public void list(Context ctx) {
    String phone = ctx.queryParam("phone");
    List<Contact> found;
    if (phone != null && !phone.isBlank()) {
      String e164 = PhoneNumbers.e164(phone).orElseThrow(() -> ApiException.badRequest(PhoneNumbers.invalid(phone)));
      found = contacts.findByPhone(e164).map(List::of).orElse(List.of());
    } else {
      String q = ctx.queryParam("q");
      if (q != null && q.length() > 200) {
        throw ApiException.badRequest("Parameter q must be at most 200 characters");
      }
      found = contacts.search(q, LIST_LIMIT);
    }
    ctx.json(Map.of("contacts", found.stream().map(ContactController::json).toList()));
  }

  public void show(Context ctx) {
    ctx.json(json(contacts.find(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404, NOT_FOUND))));
  }

  public void create(Context ctx) {
    JsonNode body = Json.object(ctx);
    ContactUpdate fields = parse(body);
    if (fields.emails().orElse(List.of()).isEmpty() && fields.phones().orElse(List.of()).isEmpty()) {
      throw ApiException.badRequest("A contact needs at least one email address or phone number");
    }
    Contact created = saved(contacts.create(fields.name().orElse(null), fields.emails().orElse(List.of()),
        fields.phones().orElse(List.of()), fields.notes().orElse(null)));
    ctx.status(201).json(json(created));
  }

  public void update(Context ctx) {
    ctx.json(json(saved(contacts.update(ctx.pathParam("id"), parse(Json.object(ctx))))));
  }

  private static Contact saved(ContactService.Result result) {
    if (result instanceof ContactService.Result.Saved saved) {
      return saved.contact();
    }
    if (result instanceof ContactService.Result.Invalid invalid) {
      throw ApiException.badRequest(invalid.message());
    }
    if (result instanceof ContactService.Result.Taken taken) {
      throw new ApiException(409, taken.message());
    }
    throw new ApiException(404, NOT_FOUND);
  }

  /** The fields present in the body; null name or notes clear them, null lists are refused. */
  static ContactUpdate parse(JsonNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("Unknown field: " + name);
      }
    }
    return new ContactUpdate(text(body, "name"), list(body, "emails"), list(body, "phones"), text(body, "notes"));
  }

  private static Optional<String> text(JsonNode body, String field) {
    if (!body.has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return Optional.of("");
    }
    if (!value.isTextual() || value.asText().length() > MAX_TEXT) {
      throw ApiException.badRequest("Field " + field + " must be a string of at most " + MAX_TEXT + " characters");
    }
    return Optional.of(value.asText());
  }

  private static Optional<List<String>> list(JsonNode body, String field) {
    if (!body.has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (!value.isArray()) {
      throw ApiException.badRequest("Field " + field + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.badRequest("Field " + field + " must be a list of strings");
      }
      out.add(item.asText());
    }
    return Optional.of(out);
  }

  static Map<String, Object> json(Contact c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", c.id());
    json.put("name", c.name());
    json.put("emails", c.emails());
    json.put("phones", c.phones());
    json.put("notes", c.notes());
    return json;
  }
}
