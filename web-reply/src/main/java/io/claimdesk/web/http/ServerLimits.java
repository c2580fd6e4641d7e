package io.claimdesk.web.http;

import io.javalin.config.JavalinConfig;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;

/**
 * What one client may cost the server: body sizes per route, a minimum rate and an idle timeout for bodies, and
 * a cap on the requests of one client address that hold a thread at once (the excess waits suspended, without a
 * thread), so that slow clients cost connections, not the thread pool.
 * Headers are parsed without a thread; the connector's idle timeout (30 s) ends a silent connection.
 */
public final class ServerLimits {
  /** Requests of one address running at once; more wait without a thread. */
  public static final int PER_ADDRESS_THREADS = 16;
  /** How long a request may wait for one of its address's threads before it is answered 429. */
  public static final long PER_ADDRESS_MAX_WAIT_MILLIS = 30_000;
  /** A body arriving slower than this, on average since its first byte was read, is refused with 408. */
  public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  /** A body that stops for this long is refused: a blocked read holds a thread. */
  public static final long BODY_IDLE_MILLIS = 5_000;

  /**
   * Makes a stop graceful: it stops accepting at once and gives the requests being handled up to
   * {@link #STOP_TIMEOUT_MILLIS} to answer (Javalin's StatisticsHandler counts them); without it Jetty closes their
   * connections. For the running service (its SIGTERM); a stop that runs out of time throws, which the caller logs.
   */
  public static void stopGracefully(JavalinConfig config) {
    AtomicReference<Server> started = new AtomicReference<>();
    config.jetty.modifyServer(started::set);
    // set once started: a server that failed to start (its port taken) would otherwise fail its stop too, and hide
    // why it did not start
    config.events.serverStarted(() -> started.get().setStopTimeout(STOP_TIMEOUT_MILLIS));
  }

  /** How long a stopping server waits for the requests it is handling. */
  static final long STOP_TIMEOUT_MILLIS = 10_000;

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
    // the minimum rate is BodyLimitHandler's: Jetty's counts a request's wait for its address's permit
    config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(BODY_IDLE_MILLIS));
    // in front of every servlet; an oversized body is refused before it counts against its address
    config.jetty.modifyServer(server -> {
      server.insertHandler(new PerAddressLimit(PER_ADDRESS_THREADS, PER_ADDRESS_MAX_WAIT_MILLIS));
      server.insertHandler(new BodyLimitHandler(limits, MIN_BODY_BYTES_PER_SECOND));
      server.insertHandler(new ResponseHeaders(https));
    });
  }
}
