package io.claimdesk.web.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberAdmin;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code PATCH /api/team/{id}} (admins: role, active, chat ids, phone, capacity, voice) and
 * {@code PUT /api/team/me/availability} / {@code PUT /api/team/{id}/availability}; {@code changed} tells open
 * dashboards that a member changed.
 */
public final class MemberController {
  private static final Set<String> FIELDS =
      Set.of("role", "active", "slackUserId", "discordUserId", "phone", "capacity", "voice");

  private final MemberAdmin admin;
  private final Runnable changed;

  public MemberController(MemberAdmin admin, Runnable changed) {
    this.admin = admin;
    this.changed = changed;
  }

  public void update(Context ctx) {
    TeamMember actor = ApiAuth.member(ctx);
    if (actor.role() != Role.ADMIN) {
      throw new ApiException(403, MemberAdmin.ONLY_ADMINS);
    }
    MemberUpdate update = parse(Json.object(ctx));
    answer(ctx, admin.update(actor, ctx.pathParam("id"), update));
  }

  public void availabilityOwn(Context ctx) {
    TeamMember actor = ApiAuth.member(ctx);
    answer(ctx, admin.setAvailability(actor, actor.id(), availability(Json.object(ctx))));
  }

  public void availabilityOf(Context ctx) {
    TeamMember actor = ApiAuth.member(ctx);
    Availability availability = availability(Json.object(ctx));
    answer(ctx, admin.setAvailability(actor, ctx.pathParam("id"), availability));
  }

  private void answer(Context ctx, MemberAdmin.Result result) {
    if (result instanceof MemberAdmin.Result.Updated updated) {
      changed.run();
      ctx.json(MemberJson.of(updated.member()));
    } else if (result instanceof MemberAdmin.Result.Forbidden forbidden) {
      throw new ApiException(403, forbidden.message());
    } else if (result instanceof MemberAdmin.Result.Invalid invalid) {
      throw ApiException.badRequest(invalid.message());
    } else if (result instanceof MemberAdmin.Result.Taken taken) {
      throw new ApiException(409, taken.message());
    } else {
      throw new ApiException(404, MemberAdmin.NOT_FOUND);
    }
  }

  static Availability availability(JsonNode body) {
    onlyFields(body, Set.of("availability"));
    String value = Json.text(body, "availability");
    return Availability.parse(value).orElseThrow(() -> ApiException.badRequest(
        "Unknown availability: " + value + " (expected online, away or offline)"));
  }

  /** Every field is optional; null clears the chat ids and the phone, and lifts the capacity limit. */
  static MemberUpdate parse(JsonNode body) {
    onlyFields(body, FIELDS);
    MemberUpdate update = MemberUpdate.none();
    if (body.has("role")) {
      String value = Json.text(body, "role");
      update = update.withRole(Role.parse(value).orElseThrow(() -> ApiException.badRequest(
          "Unknown role: " + value + " (expected agent, manager or admin)")));
    }
    if (body.has("active")) {
      if (!body.get("active").isBoolean()) {
        throw ApiException.badRequest("Field active must be true or false");
      }
      update = update.withActive(body.get("active").booleanValue());
    }
    if (body.has("slackUserId")) {
      update = update.withSlackUserId(clearable(body, "slackUserId"));
    }
    if (body.has("discordUserId")) {
      update = update.withDiscordUserId(clearable(body, "discordUserId"));
    }
    if (body.has("phone")) {
      update = update.withPhone(clearable(body, "phone"));
    }
    if (body.has("capacity")) {
      JsonNode value = body.get("capacity");
      if (value.isNull()) {
        update = update.withCapacity(MemberUpdate.UNLIMITED);
      } else if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
        update = update.withCapacity(value.intValue());
      } else {
        throw ApiException.badRequest("Field capacity must be a whole number of 0 or more, or null for no limit");
      }
    }
    if (body.has("voice")) {
      String value = Json.text(body, "voice");
      update = update.withVoice(VoiceMode.parse(value).orElseThrow(() -> ApiException.badRequest(
          "Unknown voice mode: " + value + " (expected client, phone or off)")));
    }
    return update;
  }

  private static String clearable(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return "";
    }
    if (!value.isTextual() || value.asText().length() > 100) {
      throw ApiException.badRequest("Field " + field + " must be a string of at most 100 characters, or null");
    }
    return value.asText().strip();
  }

  private static void onlyFields(JsonNode body, Set<String> allowed) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest("Unknown field: " + name);
      }
    }
  }
}
