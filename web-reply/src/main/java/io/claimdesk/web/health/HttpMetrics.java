package io.claimdesk.web.health;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's meters: Jetty's thread pool and connections (Micrometer's binders), and
 * {@code claimdesk_http_requests_seconds} per route, method and status class: the webhooks' latency among them.
 * Routes are the patterns ({@code /api/emails/tickets/{id}}), and paths no route matched are counted as
 * {@code unmatched}, so a scan of random paths cannot multiply the series.
 */
public final class HttpMetrics {
  private static final Duration[] SLOS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5)};

  private HttpMetrics() {}

  /** The thread pool's and the requests' meters; {@link #bindConnections} once the server has its connectors. */
  public static void install(JavalinConfig config, MeterRegistry registry) {
    config.jetty.modifyServer(server ->
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry));
    config.requestLogger.http((ctx, millis) -> timer(registry, route(ctx), ctx.method().name(), ctx.statusCode())
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS));
  }

  /** The request timer of one route, method and status class. */
  static Timer timer(MeterRegistry registry, String route, String method, int status) {
    return Timer.builder("claimdesk.http.requests")
        .description("Requests the HTTP server answered, by route")
        .tag("route", route)
        .tag("method", method)
        .tag("status", (status / 100) + "xx")
        .serviceLevelObjectives(SLOS)
        .register(registry);
  }

  /**
   * The route's pattern; {@code unmatched} when no route matched, {@code before} when the request was answered
   * before its route ran (a refused CSRF token, a missing session).
   */
  private static String route(Context ctx) {
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (IllegalStateException noRouteRan) {
      return ctx.statusCode() == 404 ? "unmatched" : "before";
    }
    return route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route;
  }

  /** Counts the connections and bytes of every connector of a started server. */
  public static void bindConnections(Server server, MeterRegistry registry) {
    JettyConnectionMetrics.addToAllConnectors(server, registry);
  }
}
