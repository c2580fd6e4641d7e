package io.claimdesk.bot.slack;

import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.ChatException.Kind;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Runs a Slack Web API call and turns every way it can fail into a {@link ChatException} of the right kind: HTTP
 * 429 (with its {@code Retry-After}) and the {@code ratelimited} error are rate limits, HTTP 5xx, network errors and
 * Slack's own "try again" errors are transient, {@code message_not_found} means the message is gone, anything else
 * (bad token, unknown channel, missing scope) is a rejection that retrying soon will not fix.
 */
final class SlackCalls {
  private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
      "request_timeout", "timeout");
  private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message");

  /** A Slack call as the SDK declares it. */
  interface Call<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  private SlackCalls() {}

  static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (IOException e) {
      throw ChatException.transientFailure(method + ": " + e.getMessage(), e);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        throw ChatException.rateLimited(method + ": HTTP 429", retryAfter(e.getResponse().header("Retry-After")));
      }
      Kind kind = status >= 500 ? Kind.TRANSIENT : Kind.REJECTED;
      throw new ChatException(kind, method + ": HTTP " + status, null, e);
    }
    if (response.isOk()) {
      return response;
    }
    String error = response.getError() == null ? "unknown_error" : response.getError();
    if (error.equals("ratelimited") || error.equals("rate_limited")) {
      throw ChatException.rateLimited(method + ": " + error, Duration.ofSeconds(1));
    }
    Kind kind = TRANSIENT.contains(error) ? Kind.TRANSIENT : GONE.contains(error) ? Kind.GONE : Kind.REJECTED;
    throw new ChatException(kind, method + ": " + error, null, null);
  }

  static Duration retryAfter(String header) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "" : header.trim())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }
}
