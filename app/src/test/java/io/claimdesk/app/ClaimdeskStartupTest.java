package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails leaves nothing running behind it. */
class ClaimdeskStartupTest {

  @Test
  void aStartThatCannotBindItsPortShouldStopEverythingItStarted(@TempDir Path dataDir) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      AppConfig config = AppConfig.fromEnv(Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString()));

      assertThatThrownBy(() -> Claimdesk.start(config, 4))
          .isInstanceOf(StartupException.class)
          .hasMessage("cannot listen on port " + port + ": Address already in use"
              + " (another process may have it; PORT sets the port)");
    }

    // the outbox poller of the dashboard, the event relay and Jetty's pool were the threads left running
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    Set<String> left = startedSince(before);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      left = startedSince(before);
    }
    assertThat(left).as("threads the failed start left running").isEmpty();
  }

  /** The names of the live threads that are not in {@code before}, but for the JVM's and the driver's own. */
  private static Set<String> startedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .filter(t -> t.getName().startsWith("dashboard-live-events") || t.getName().startsWith("claimdesk-")
            || t.getName().startsWith("JettyServerThreadPool") || t.getName().startsWith("slack-")
            || !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
