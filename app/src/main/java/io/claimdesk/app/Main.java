package io.claimdesk.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** {@code java -jar app/target/claimdesk.jar}: configured only by environment variables, read by {@link AppConfig}. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** How long /readyz answers 503 before the server stops accepting, for load balancers to take it out. */
  static final Duration DRAIN = Duration.ofSeconds(2);

  private Main() {}

  /** Starts claimdesk from the environment; exits 2 on a bad configuration, 1 when it cannot start. */
  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Claimdesk claimdesk;
    try {
      claimdesk = Claimdesk.start(config);
    } catch (StartupException e) {
      // a cause the operator can fix, and the message names it: no stack trace
      log.error("claimdesk did not start: {}", e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      log.error("claimdesk did not start", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      claimdesk.shutdown(DRAIN);
      log.info("stopped");
    }, "claimdesk-shutdown"));
    // SIGTERM is how `docker stop`, systemd and Kubernetes ask a service to stop: a stop asked for and done cleanly
    // exits 0 (the JVM's own answer to the signal is 143); the shutdown hook above does the stopping
    Signal.handle(new Signal("TERM"), signal -> System.exit(0));
  }
}
