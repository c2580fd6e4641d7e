package io.claimdesk.web.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpInput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Holds every request body to its route's {@link BodyLimits}, in front of every servlet (Javalin's and Slack's):
 * a declared {@code Content-Length} over the limit is refused before a byte of the body is read, and a body of
 * unknown length (chunked) fails as soon as more than the limit has arrived, whoever is reading it. Javalin's own
 * check only sees {@code Content-Length}, so a chunked body used to be read whole into memory.
 */
final class BodyLimitHandler extends HandlerWrapper {
  static final long LINGER_MILLIS = 1_000;
  private static final String COUNTER = BodyLimitHandler.class.getName() + ".counter";
  private final BodyLimits limits;
  private final long minBytesPerSecond;

  BodyLimitHandler(BodyLimits limits, long minBytesPerSecond) {
    this.limits = limits;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Counter counter = (Counter) base.getAttribute(COUNTER);
    if (counter == null) {
      if (base.getDispatcherType() != DispatcherType.REQUEST) {
        super.handle(target, base, request, response);
        return;
      }
      long limit = limits.forPath(target);
      if (base.getContentLengthLong() > limit) {
        answer(base, response, new RequestProblem(413, limits.message(target)));
        return;
      }
      // the message only when the body is refused: formatting it for every request cost more than the check
      counter = new Counter(limit, () -> limits.message(target), base.getContentLengthLong(), minBytesPerSecond);
      base.getHttpInput().addInterceptor(counter);
      // a request let out of its address's queue comes back here, dispatched again, with its counter
      base.setAttribute(COUNTER, counter);
    }
    try {
      super.handle(target, base, request, response);
    } finally {
      if (counter.problem != null && !base.isAsyncStarted() && !response.isCommitted()) {
        answer(base, response, counter.problem);
      }
    }
  }

  /**
   * Answers the body's problem as JSON, unless the handler wrote an answer of its own: Javalin answers a body that
   * ended early or stopped arriving with a bare status (500 unless told otherwise), before any exception handler
   * of ours sees it. The answer goes out with a FIN, and the connection passes to a {@link Lingering} one.
   */
  private static void answer(Request base, HttpServletResponse response, RequestProblem problem)
      throws IOException {
    base.setHandled(true);
    if (base.getResponse().getHttpOutput().getWritten() == 0) {
      response.resetBuffer();
      response.setStatus(problem.status());
      response.setContentType("application/json");
      response.setHeader("Connection", "close");
      response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Map.of("error", problem.message())));
    }
    base.getResponse().closeOutput();
    EndPoint endPoint = base.getHttpChannel().getEndPoint();
    endPoint.shutdownOutput(); // Jetty sent the FIN already for Connection: close, not for an answer of Javalin's
    // drops the part of the body Jetty has parsed already, reading no more (its parser closed first): a part left
    // pending holds Jetty's read buffer, which the hand-over below then fails to release, and the socket is reset
    if (endPoint.getConnection() instanceof HttpConnection http) {
      http.getParser().close();
    }
    base.getHttpInput().consumeAll();
    // Jetty hands the connection over when the request completes, before it would go on consuming the body
    base.setAttribute(HttpConnection.UPGRADE_CONNECTION_ATTRIBUTE,
        new Lingering(endPoint, base.getHttpChannel().getConnector().getScheduler()));
  }

  /**
   * What is left of a refused request's connection: it reads nothing more, and closes the socket
   * {@link #LINGER_MILLIS} after the answer; meanwhile a client still sending stalls once the kernel's buffers are
   * full. Closing at once resets a socket whose body is still arriving, and the reset can take the answer with it
   * before the client has read it (CI saw it with a declared 600 kB Slack post and a declared 50 MB mail: "header
   * parser received no bytes"). Left to itself Jetty would read the rest of the body, however long (600 MB in a
   * test).
   */
  private static final class Lingering extends AbstractConnection implements Connection.UpgradeTo {
    private final Scheduler scheduler;

    Lingering(EndPoint endPoint, Scheduler scheduler) {
      super(endPoint, Runnable::run);
      this.scheduler = scheduler;
    }

    @Override
    public void onUpgradeTo(ByteBuffer alreadyRead) {
      // the part of the body Jetty had read but not parsed: dropped with the rest
    }

    @Override
    public void onOpen() {
      super.onOpen();
      scheduler.schedule(getEndPoint()::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onFillable() {
      // never asked for: nothing more is read
    }
  }

  /**
   * Counts the body as Jetty hands it over and turns everything after the limit into a 413 error, which the
   * reader gets as an {@code IOException} caused by a {@link BadMessageException}, and a body arriving slower
   * than the minimum rate into a 408; notes a body that fails on its own (cut off, badly chunked, stalled).
   * The rate is measured from the first byte the application reads, so that a request that waited for its
   * address's permit is not blamed for the wait (Jetty's own minimum rate counts it, and refused such requests).
   */
  private static final class Counter implements HttpInput.Interceptor {
    private final long limit;
    private final Supplier<String> message;
    private final long declaredLength;
    private final long minBytesPerSecond;
    private long seen;
    private long firstNanos;
    private volatile RequestProblem problem;

    Counter(long limit, Supplier<String> message, long declaredLength, long minBytesPerSecond) {
      this.limit = limit;
      this.message = message;
      this.declaredLength = declaredLength;
      this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public HttpInput.Content readFrom(HttpInput.Content content) {
      if (content.isSpecial()) {
        if (content.getError() != null && problem == null) {
          problem = RequestProblem.of(content.getError(), false);
        }
        return content;
      }
      long now = System.nanoTime();
      if (seen == 0) {
        firstNanos = now;
      }
      seen += content.remaining();
      if (seen > limit) {
        return fail(content, new RequestProblem(413, message.get()));
      }
      boolean complete = declaredLength >= 0 && seen >= declaredLength;
      if (!complete && seen < minBytesPerSecond * TimeUnit.NANOSECONDS.toMillis(now - firstNanos) / 1000) {
        return fail(content, new RequestProblem(408, "Request body arrived slower than " + minBytesPerSecond
            + " bytes per second"));
      }
      return content;
    }

    private HttpInput.Content fail(HttpInput.Content content, RequestProblem failure) {
      content.skip(content.remaining());
      problem = failure;
      return new HttpInput.ErrorContent(new BadMessageException(failure.status(), failure.message()));
    }
  }
}
