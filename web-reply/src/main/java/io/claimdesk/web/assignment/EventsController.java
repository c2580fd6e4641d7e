package io.claimdesk.web.assignment;

import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code GET /api/assignment-events?from=&to=&member=&format=csv}: the history of owners and offers, for managers. */
final class EventsController {
  static final String[] HEADER = {"time", "threadId", "action", "actor", "previousOwner", "newOwner", "via"};
  private static final String REASSIGN_NOT_MANAGER = "Only managers can reassign tickets";

  private final AssignmentLog history;
  private final Clock clock;

  EventsController(AssignmentLog history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  void list(Context ctx) {
    TeamMember actor = ApiAuth.member(ctx);
    if (!actor.role().canManageTickets()) {
      throw new ApiException(403, "Only managers can export the assignment history");
    }
    Instant from = time(ctx.queryParam("from"), "from", Instant.EPOCH, false);
    Instant to = time(ctx.queryParam("to"), "to", clock.instant().plusSeconds(1), true);
    String member = ctx.queryParam("member");
    String format = ctx.queryParam("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw ApiException.badRequest("Unknown format: " + format + " (expected csv or json)");
    }
    List<AssignmentEvent> events = history.since(from).stream()
        .filter(e -> e.at().isBefore(to))
        .filter(e -> member == null || member.isBlank() || member.equals(e.actorId())
            || member.equals(e.previousOwnerId()) || member.equals(e.newOwnerId()))
        .toList();
    if ("csv".equals(format)) {
      ctx.contentType("text/csv; charset=utf-8");
      ctx.header("Content-Disposition", "attachment; filename=\"assignment-events.csv\"");
      ctx.result(csv(events));
    } else {
      ctx.json(Map.of("events", events.stream().map(EventsController::json).toList()));
    }
  }

  static String csv(List<AssignmentEvent> events) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out)) {
      for (AssignmentEvent e : events) {
        printer.printRecord(e.at().toString(), e.threadId(), e.action().value(), who(e.actorEmail(), e.actorId()),
            who(e.previousOwnerEmail(), e.previousOwnerId()), who(e.newOwnerEmail(), e.newOwnerId()),
            e.via().value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Map<String, Object> json(AssignmentEvent e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", e.at().toString());
    json.put("threadId", e.threadId());
    json.put("action", e.action().value());
    json.put("actor", who(e.actorEmail(), e.actorId()));
    json.put("previousOwner", who(e.previousOwnerEmail(), e.previousOwnerId()));
    json.put("newOwner", who(e.newOwnerEmail(), e.newOwnerId()));
    json.put("via", e.via().value());
    return json;
  }

  private static String who(String email, String id) {
    return email != null ? email : id;
  }

  /**
   * An ISO-8601 UTC time, or a day (the team page's date fields): a {@code from} day starts at its midnight UTC, a
   * {@code to} day is included whole.
   */
  private static Instant time(String value, String name, Instant absent, boolean end) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("Invalid " + name + ": " + value
          + " (expected an ISO-8601 UTC time such as 2026-11-01T00:00:00Z, or a day such as 2026-11-01)");
    }
  }
}
