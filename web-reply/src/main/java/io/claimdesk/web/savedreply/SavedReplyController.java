package io.claimdesk.web.savedreply;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.savedreply.SavedReplyOutcome;
import io.claimdesk.core.savedreply.SavedReplyService;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.claimdesk.web.http.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/saved-replies}: one {@link SavedReplyService} call per request. */
public final class SavedReplyController {
  private final SavedReplyService replies;

  public SavedReplyController(SavedReplyService replies) {
    this.replies = replies;
  }

  public void list(Context ctx) {
    ctx.json(Map.of("savedReplies", replies.all().stream().map(SavedReplyController::json).toList()));
  }

  public void create(Context ctx) {
    JsonNode body = Json.object(ctx);
    SavedReplyOutcome outcome = replies.create(ApiAuth.member(ctx), Json.optionalText(body, "title"),
        Json.optionalText(body, "body"));
    ctx.status(201).json(json(saved(outcome)));
  }

  public void update(Context ctx) {
    String id = Json.id(ctx.pathParam("id"), "id");
    JsonNode body = Json.object(ctx);
    SavedReplyOutcome outcome = replies.update(ApiAuth.member(ctx), id, Json.optionalText(body, "title"),
        Json.optionalText(body, "body"));
    ctx.json(json(saved(outcome)));
  }

  public void delete(Context ctx) {
    String id = Json.id(ctx.pathParam("id"), "id");
    SavedReplyOutcome outcome = replies.delete(ApiAuth.member(ctx), id);
    if (!(outcome instanceof SavedReplyOutcome.Deleted)) {
      throw refusal(outcome);
    }
    ctx.json(Map.of("success", true, "_id", id));
  }

  private static SavedReply saved(SavedReplyOutcome outcome) {
    if (outcome instanceof SavedReplyOutcome.Saved saved) {
      return saved.reply();
    }
    throw refusal(outcome);
  }

  /** The status and words of a refused change; shared with the page's forms. */
  public static ApiException refusal(SavedReplyOutcome outcome) {
    if (outcome instanceof SavedReplyOutcome.NotAllowed notAllowed) {
      return new ApiException(403, notAllowed.message());
    }
    if (outcome instanceof SavedReplyOutcome.NotFound notFound) {
      return new ApiException(404, notFound.message());
    }
    if (outcome instanceof SavedReplyOutcome.Invalid invalid) {
      return new ApiException(400, invalid.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }

  static Map<String, Object> json(SavedReply r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", r.id());
    json.put("title", r.title());
    json.put("body", r.body());
    json.put("updatedBy", r.updatedBy());
    json.put("updatedAt", r.updatedAt());
    return json;
  }
}
