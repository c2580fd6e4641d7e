package io.claimdesk.web.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.HttpInput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Holds every request body to its route's {@link BodyLimits}, in front of every servlet (Javalin's and Slack's):
 * a declared {@code Content-Length} over the limit is refused before a byte of the body is read, and a body of
 * unknown length (chunked) fails as soon as more than the limit has arrived, whoever is reading it. Javalin's own
 * check only sees {@code Content-Length}, so a chunked body used to be read whole into memory.
 */
final class BodyLimitHandler extends HandlerWrapper {
  private final BodyLimits limits;

  BodyLimitHandler(BodyLimits limits) {
    this.limits = limits;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    // an async re-dispatch (a request queued by the per-address limit) already has its counter
    if (base.getDispatcherType() == DispatcherType.REQUEST) {
      long limit = limits.forPath(target);
      if (base.getContentLengthLong() > limit) {
        refuse(base, response, limits.message(target));
        return;
      }
      Counter counter = new Counter(limit, limits.message(target));
      base.getHttpInput().addInterceptor(counter);
      try {
        super.handle(target, base, request, response);
      } finally {
        if (counter.exceeded && !base.isAsyncStarted()) {
          closeAfterAnswer(base);
        }
      }
      return;
    }
    super.handle(target, base, request, response);
  }

  /** 413 without reading the body; the connection is closed after it, the rest of the body unread. */
  private static void refuse(Request base, HttpServletResponse response, String message) throws IOException {
    base.setHandled(true);
    response.setStatus(413);
    response.setHeader("Connection", "close");
    response.setContentType("application/json");
    response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Map.of("error", message)));
    closeAfterAnswer(base);
  }

  /**
   * Sends the answer and ends the connection. {@code Connection: close} alone is not enough: Jetty then reads and
   * discards the rest of the body until the client stops sending (600 MB in a test).
   */
  private static void closeAfterAnswer(Request base) throws IOException {
    base.getResponse().closeOutput();
    base.getHttpChannel().getEndPoint().close();
  }

  /**
   * Counts the body as Jetty hands it over and turns everything after the limit into a 413 error, which the
   * reader gets as an {@code IOException} caused by a {@link BadMessageException}.
   */
  private static final class Counter implements HttpInput.Interceptor {
    private final long limit;
    private final String message;
    private long seen;
    private volatile boolean exceeded;

    Counter(long limit, String message) {
      this.limit = limit;
      this.message = message;
    }

    @Override
    public HttpInput.Content readFrom(HttpInput.Content content) {
      if (content.isSpecial()) {
        return content;
      }
      seen += content.remaining();
      if (seen > limit) {
        content.skip(content.remaining());
        exceeded = true;
        return new HttpInput.ErrorContent(new BadMessageException(413, message));
      }
      return content;
    }
  }
}
