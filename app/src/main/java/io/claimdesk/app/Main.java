package io.claimdesk.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar app/target/claimdesk.jar}: configured only by the environment (SPEC §3). */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Claimdesk claimdesk = Claimdesk.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      claimdesk.close();
    }, "claimdesk-shutdown"));
  }
}
