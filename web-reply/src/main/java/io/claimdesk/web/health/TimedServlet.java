package io.claimdesk.web.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A servlet mounted beside Javalin's routes (Slack's Bolt servlet at {@code /slack/events}), timed into the same
 * {@code claimdesk_http_requests_seconds} as the routes, under the path it is mounted at.
 */
public final class TimedServlet extends HttpServlet {
  private final HttpServlet servlet;
  private final String route;
  private final transient MeterRegistry registry;

  public TimedServlet(HttpServlet servlet, String route, MeterRegistry registry) {
    this.servlet = servlet;
    this.route = route;
    this.registry = registry;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    servlet.init(config);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    long start = System.nanoTime();
    try {
      servlet.service(request, response);
    } finally {
      HttpMetrics.timer(registry, route, request.getMethod(), response.getStatus())
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void destroy() {
    servlet.destroy();
  }
}
