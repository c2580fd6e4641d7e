package io.claimdesk.bot.slack;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: hands Slack's requests to the Bolt app, after two checks Bolt does not make: the
 * request timestamp must be within five minutes of now in <em>both</em> directions (Bolt only refuses old ones),
 * and the body must be small (Slack's payloads are a few kilobytes). The signature itself is Bolt's check.
 */
public final class SlackEventsServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  static final int MAX_BODY_BYTES = 512 * 1024;

  private final transient App app;
  private final transient SlackAppServletAdapter adapter;
  private final transient Clock clock;

  SlackEventsServlet(App app, Clock clock) {
    this.app = app;
    this.clock = clock;
    this.adapter = new SlackAppServletAdapter(app.config()) {
      @Override
      protected String doReadRequestBodyAsString(HttpServletRequest req) throws IOException {
        return readBounded(req);
      }
    };
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!fresh(req.getHeader("X-Slack-Request-Timestamp"))) {
      error(resp, 401, "Invalid request: the timestamp is missing or more than 5 minutes from now");
      return;
    }
    if (req.getContentLengthLong() > MAX_BODY_BYTES) {
      error(resp, 413, "Request body too large");
      return;
    }
    Request<?> slackRequest;
    try {
      slackRequest = adapter.buildSlackRequest(req);
    } catch (TooLarge e) {
      error(resp, 413, "Request body too large");
      return;
    } catch (RuntimeException e) {
      error(resp, 400, "Malformed Slack request");
      return;
    }
    if (slackRequest == null) {
      error(resp, 400, "Malformed Slack request");
      return;
    }
    try {
      Response slackResponse = app.run(slackRequest);
      adapter.writeResponse(resp, slackResponse);
    } catch (JsonParseException e) {
      // signed, but not the JSON Slack sends: Bolt reads an event's body only when it dispatches it
      error(resp, 400, "Malformed Slack request");
    } catch (Exception e) {
      log.error("Slack request failed", e);
      error(resp, 500, "Something went wrong");
    }
  }

  private boolean fresh(String timestamp) {
    try {
      long seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
      return Math.abs(clock.instant().getEpochSecond() - seconds) <= MAX_SKEW.toSeconds();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String readBounded(HttpServletRequest req) throws IOException {
    try (InputStream in = req.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new TooLarge();
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static void error(HttpServletResponse resp, int status, String message) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.getWriter().write("{\"error\":\"" + message + "\"}");
  }

  /** The body is over the limit. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("request body too large", null, false, false);
    }
  }
}
