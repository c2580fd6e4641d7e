package io.claimdesk.web.http;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.ErrorView;
import io.claimdesk.web.page.Templates;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where refusals and exceptions become HTTP statuses: {@code {"error": ...}} bodies for the API, an
 * error page for the dashboard.
 */
public final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Installs the exception mapping on the server; error pages are shown without the dashboard's navigation. */
  public static void install(Javalin app, BodyLimits limits) {
    install(app, limits, (ctx, title) -> null);
  }

  /**
   * Installs the exception mapping on the server; {@code signedIn} gives the frame of a page for the request's
   * signed-in member (null when nobody is signed in), so that an error page keeps the navigation.
   */
  public static void install(Javalin app, BodyLimits limits, BiFunction<Context, String, Chrome> signedIn) {
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), signedIn));
    // a 413 names the limit of the route it came from (the raw-mail webhook's is not the API's)
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getStatus() == 413 ? limits.message(ctx.path())
            : e instanceof EndpointNotFound && isPage(ctx.path()) ? "Page not found" : e.getMessage(), signedIn));
    app.exception(Exception.class, (e, ctx) -> {
      RequestProblem problem = RequestProblem.of(e, ctx.isMultipartFormData());
      if (problem != null) {
        error(ctx, problem.status(), problem.message(), signedIn);
        return;
      }
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "Internal server error", signedIn);
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
    error(ctx, status, message, (c, title) -> null);
  }

  private static void error(Context ctx, int status, String message, BiFunction<Context, String, Chrome> signedIn) {
    if (isPage(ctx.path())) {
      ctx.status(status);
      Templates.render(ctx, "error.jte", new ErrorView(chrome(ctx, status, signedIn), status, message));
      return;
    }
    ctx.status(status).json(Map.of("error", message));
  }

  /** The frame of an error page: with the navigation when someone is signed in and the session can be read. */
  private static Chrome chrome(Context ctx, int status, BiFunction<Context, String, Chrome> signedIn) {
    String title = status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Error " + status;
    try {
      Chrome chrome = signedIn.apply(ctx, title);
      if (chrome != null) {
        return chrome;
      }
    } catch (RuntimeException e) {
      // the session store is what failed, or the page was an error about it: the page without navigation says it
      log.debug("error page of {} without navigation: {}", ctx.path(), e.toString());
    }
    return new Chrome(title, null, null, null, "error");
  }

  /** Pages answer errors with a page, everything else with JSON. */
  private static boolean isPage(String path) {
    return path.equals("/dashboard") || path.startsWith("/dashboard/") || path.equals("/login")
        || path.equals("/logout");
  }
}
