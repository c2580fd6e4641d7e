package io.claimdesk.web.http;

import io.javalin.config.JavalinConfig;

/**
 * What one client may cost the server, set with Jetty's own means: body sizes per route, a minimum rate and an
 * idle timeout for bodies, and a cap on the requests of one client address that hold a thread at once (the
 * excess is refused with 429), so that slow clients cost connections, not the thread pool. Headers are parsed
 * without a thread; the connector's idle timeout (30 s) ends a silent connection.
 */
public final class ServerLimits {
  /** Requests of one address running at once; more are refused with 429. */
  public static final int PER_ADDRESS_THREADS = 16;
  /** A body arriving slower than this, on average since its first byte, is refused with 408. */
  public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  /** A body that stops for this long is refused: a blocked read holds a thread. */
  public static final long BODY_IDLE_MILLIS = 5_000;

  private ServerLimits() {}

  /** Installs the limits, and the response headers, on a server being configured. */
  public static void install(JavalinConfig config, BodyLimits limits, boolean https) {
    // the routes' own limits are held by BodyLimitHandler; Javalin's single limit must not undercut the largest
    config.http.maxRequestSize = limits.largest();
    // inbound-mail webhooks post whole mails as form fields; Jetty's default form limit is 200 kB
    config.jetty.modifyServletContextHandler(handler ->
        handler.setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, limits.largest())));
    // Javalin answers a body read that timed out or was cut off itself, before any exception handler, with 500
    // unless told; BodyLimitHandler then gives the answer its message
    config.jetty.timeoutStatus = 408;
    config.jetty.clientAbortStatus = 400;
    config.jetty.modifyHttpConfiguration(http -> {
      http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
      http.setIdleTimeout(BODY_IDLE_MILLIS);
    });
    // in front of every servlet; an oversized body is refused before it counts against its address
    config.jetty.modifyServer(server -> {
      server.insertHandler(new PerAddressLimit(PER_ADDRESS_THREADS));
      server.insertHandler(new BodyLimitHandler(limits));
      server.insertHandler(new ResponseHeaders(https));
    });
  }
}
