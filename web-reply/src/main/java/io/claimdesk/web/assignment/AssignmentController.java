package io.claimdesk.web.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferOutcome;
import io.claimdesk.core.assignment.UnclaimAllOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /api/settings/assignment}, {@code /api/offers/...} and {@code POST /api/team/{id}/unclaim-all}. */
final class AssignmentController {
  static final String POLICY_NOT_MANAGER = "Only managers can change the assignment policy";
  private static final Set<String> FIELDS = AssignmentPolicy.MANUAL.fields().keySet();

  private final AssignmentService assignments;

  AssignmentController(AssignmentService assignments) {
    this.assignments = assignments;
  }

  void policy(Context ctx) {
    ApiAuth.member(ctx);
    ctx.json(assignments.policy().fields());
  }

  void changePolicy(Context ctx) {
    TeamMember actor = ApiAuth.member(ctx);
    if (!actor.role().canManageTickets()) {
      throw new ApiException(403, POLICY_NOT_MANAGER);
    }
    JsonNode body = Json.object(ctx);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("Unknown field: " + name);
      }
    }
    if (body.has("offer") && !body.get("offer").isBoolean()) {
      throw ApiException.badRequest("offer must be true or false");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = Json.MAPPER.convertValue(body, Map.class);
    AssignmentPolicy.Parsed parsed = AssignmentPolicy.parse(fields, assignments.policy());
    if (parsed instanceof AssignmentPolicy.Parsed.Invalid invalid) {
      throw ApiException.badRequest(invalid.message());
    }
    AssignmentPolicy policy = ((AssignmentPolicy.Parsed.Valid) parsed).policy();
    assignments.changePolicy(actor, policy).ifPresent(refusal -> {
      throw new ApiException(403, refusal);
    });
    ctx.json(policy.fields());
  }

  void mine(Context ctx) {
    ctx.json(Map.of("offers", assignments.openOffers(ApiAuth.member(ctx)).stream().map(AssignmentController::json)
        .toList()));
  }

  void accept(Context ctx) {
    OfferOutcome outcome = assignments.accept(ctx.pathParam("id"), ApiAuth.member(ctx));
    if (outcome instanceof OfferOutcome.Accepted accepted) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("success", true);
      json.put("assignedTo", accepted.thread().owner().memberId());
      json.put("assignedToEmail", accepted.thread().owner().email());
      json.put("assignedToName", accepted.thread().owner().name());
      json.put("claimedAt", accepted.thread().owner().claimedAt().toString());
      ctx.json(json);
    } else {
      throw refusal(outcome);
    }
  }

  void decline(Context ctx) {
    OfferOutcome outcome = assignments.decline(ctx.pathParam("id"), ApiAuth.member(ctx), Via.API);
    if (outcome instanceof OfferOutcome.Declined declined) {
      ctx.json(json(declined.offer()));
    } else {
      throw refusal(outcome);
    }
  }

  void unclaimAll(Context ctx) {
    UnclaimAllOutcome outcome = assignments.unclaimAll(ApiAuth.member(ctx), ctx.pathParam("id"), Via.API);
    if (outcome instanceof UnclaimAllOutcome.Released released) {
      ctx.json(Map.of("released", released.count()));
    } else if (outcome instanceof UnclaimAllOutcome.NotAllowed refused) {
      throw new ApiException(403, refused.message());
    } else {
      throw new ApiException(404, ((UnclaimAllOutcome.NotFound) outcome).message());
    }
  }

  private static ApiException refusal(OfferOutcome outcome) {
    if (outcome instanceof OfferOutcome.NotYours) {
      return new ApiException(403, OfferOutcome.NOT_YOURS);
    }
    if (outcome instanceof OfferOutcome.NotFound) {
      return new ApiException(404, OfferOutcome.NOT_FOUND);
    }
    return new ApiException(409, OfferOutcome.NO_LONGER_OPEN);
  }

  static Map<String, Object> json(Offer offer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", offer.id());
    json.put("threadId", offer.threadId());
    json.put("memberId", offer.memberId());
    json.put("status", offer.status().value());
    json.put("createdAt", offer.createdAt().toString());
    json.put("expiresAt", offer.expiresAt().toString());
    json.put("closedAt", offer.closedAt() == null ? null : offer.closedAt().toString());
    return json;
  }
}
