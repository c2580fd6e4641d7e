package io.claimdesk.web.http;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.ErrorView;
import io.claimdesk.web.page.Templates;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where refusals and exceptions become HTTP statuses: {@code {"error": ...}} bodies for the API, an
 * error page for the dashboard.
 */
public final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Installs the exception mapping on the server. */
  public static void install(Javalin app, BodyLimits limits) {
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    // a 413 names the limit of the route it came from (the raw-mail webhook's is not the API's)
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getStatus() == 413 ? limits.message(ctx.path()) : e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      RequestProblem problem = RequestProblem.of(e, ctx.isMultipartFormData());
      if (problem != null) {
        error(ctx, problem.status(), problem.message());
        return;
      }
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "Internal server error");
    });
  }

  /** The status of a refused claim-rule outcome. */
  public static ApiException refusal(ClaimOutcome outcome) {
    if (outcome instanceof ClaimOutcome.AlreadyClaimed claimed) {
      return new ApiException(409, claimed.message());
    }
    if (outcome instanceof ClaimOutcome.NotAllowed notAllowed) {
      return new ApiException(403, notAllowed.message());
    }
    if (outcome instanceof ClaimOutcome.NotFound notFound) {
      return new ApiException(404, notFound.message());
    }
    if (outcome instanceof ClaimOutcome.Invalid invalid) {
      return new ApiException(400, invalid.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }

  /** The status of a reply that was not sent. */
  public static ApiException refusal(ReplyOutcome outcome) {
    if (outcome instanceof ReplyOutcome.Refused refused) {
      return refusal(refused.reason());
    }
    if (outcome instanceof ReplyOutcome.Invalid invalid) {
      return new ApiException(400, invalid.message());
    }
    if (outcome instanceof ReplyOutcome.SendFailed failed) {
      return new ApiException(502, failed.message());
    }
    if (outcome instanceof ReplyOutcome.Conflict conflict) {
      return new ApiException(409, conflict.message());
    }
    if (outcome instanceof ReplyOutcome.NoSuchReply missing) {
      return new ApiException(404, missing.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }

  static void error(Context ctx, int status, String message) {
    if (isPage(ctx.path())) {
      ctx.status(status);
      Templates.render(ctx, "error.jte", new ErrorView(new Chrome("Error " + status, null, null, null, "error"),
          status, message));
      return;
    }
    ctx.status(status).json(Map.of("error", message));
  }

  /** Pages answer errors with a page, everything else with JSON. */
  private static boolean isPage(String path) {
    return path.equals("/dashboard") || path.startsWith("/dashboard/") || path.equals("/login")
        || path.equals("/logout");
  }
}
