package io.claimdesk.voice.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.voice.CallLog;
import io.claimdesk.core.voice.CallNotes;
import io.claimdesk.core.voice.CallQuery;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/voice/calls} (filters {@code member}, {@code contact}, {@code from}, {@code to}, {@code limit})
 * and {@code POST /api/voice/calls/{callSid}/notes}; the member comes from the session or token.
 */
public final class CallsController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final int MAX_NOTE_CHARS = 10_000;

  private final CallNotes notes;

  public CallsController(CallNotes notes) {
    this.notes = notes;
  }

  public void list(Context ctx) {
    CallQuery query = new CallQuery(id(ctx.queryParam("member"), "member"), id(ctx.queryParam("contact"), "contact"),
        time(ctx.queryParam("from"), "from"), time(ctx.queryParam("to"), "to"), limit(ctx.queryParam("limit")));
    List<CallLog> calls = notes.list(ApiAuth.member(ctx), query)
        .orElseThrow(() -> new ApiException(403, CallNotes.notYourCalls()));
    ctx.json(Map.of("calls", calls.stream().map(CallsController::json).toList()));
  }

  public void addNote(Context ctx) {
    String body = Json.text(Json.object(ctx), "body");
    if (body.length() > MAX_NOTE_CHARS) {
      throw ApiException.badRequest("Field body must be at most " + MAX_NOTE_CHARS + " characters");
    }
    CallNotes.Outcome outcome = notes.add(ctx.pathParam("callSid"), ApiAuth.member(ctx), body.strip());
    if (outcome instanceof CallNotes.Outcome.Added added) {
      ctx.status(201).json(json(added.call()));
    } else if (outcome instanceof CallNotes.Outcome.NotAllowed refused) {
      throw new ApiException(403, refused.message());
    } else {
      throw new ApiException(404, "Call not found");
    }
  }

  static Map<String, Object> json(CallLog call) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("callSid", call.callSid());
    json.put("from", call.from());
    json.put("to", call.to());
    json.put("contactId", call.contactId());
    json.put("steps", call.steps());
    json.put("answeredBy", call.answeredBy());
    json.put("status", call.status());
    json.put("duration", call.duration());
    json.put("startedAt", call.startedAt());
    json.put("answeredAt", call.answeredAt());
    json.put("endedAt", call.endedAt());
    json.put("notes", call.notes().stream().map(n -> {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("authorId", n.authorId());
      note.put("authorName", n.authorName());
      note.put("body", n.body());
      note.put("at", n.at());
      return note;
    }).toList());
    json.put("recordingUrl", call.recordingUrl());
    json.put("recordingDuration", call.recordingDuration());
    return json;
  }

  private static String id(String value, String name) {
    return value == null || value.isBlank() ? null : Json.id(value, name);
  }

  private static Instant time(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be an ISO-8601 UTC time such as 2026-12-01T00:00:00Z");
    }
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
