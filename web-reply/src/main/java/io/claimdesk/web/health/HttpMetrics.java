package io.claimdesk.web.health;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
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
    config.requestLogger.http((ctx, millis) -> {
      // a request refused by a before-handler (no session, no CSRF token) never reached an endpoint, and Javalin
      // throws when asked for its endpoint then: that turned every such 403 into a 500
      String route = ctx.handlerType() == HandlerType.BEFORE ? null : ctx.endpointHandlerPath();
      Timer.builder("claimdesk.http.requests")
          .description("Requests the HTTP server answered, by route")
          .tag("route", route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route)
          .tag("method", ctx.method().name())
          .tag("status", (ctx.statusCode() / 100) + "xx")
          .serviceLevelObjectives(SLOS)
          .register(registry)
          .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    });
  }

  /** Counts the connections and bytes of every connector of a started server. */
  public static void bindConnections(Server server, MeterRegistry registry) {
    JettyConnectionMetrics.addToAllConnectors(server, registry);
  }
}
