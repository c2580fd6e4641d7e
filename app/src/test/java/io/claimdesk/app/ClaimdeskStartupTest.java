package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails, and a stop, leave nothing running behind them. */
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

  @Test
  void aStoppedClaimdeskShouldLeaveNoThreadOfItsOwnRunning(@TempDir Path dataDir) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (Claimdesk app = Claimdesk.start(AppConfig.fromEnv(Map.of("PORT", Integer.toString(port),
        "DATA_DIR", dataDir.toString(), "INGEST_TOKEN", "ingest-token-0123456789")), 4)) {
      // a new ticket sets every worker going: the relay, its observers (assignment among them), the live events
      HttpResponse<String> ingested = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/ingest/raw"))
          .header("Authorization", "Bearer ingest-token-0123456789").header("Content-Type", "message/rfc822")
          .POST(HttpRequest.BodyPublishers.ofString("From: a@example.org\r\nTo: support@example.com\r\n"
              + "Subject: Hello\r\nMessage-ID: <stop-1@example.org>\r\n\r\nHi\r\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(202);
      Instant until = Instant.now().plus(Duration.ofSeconds(10));
      while (!startedSince(before).contains("claimdesk-assignment") && Instant.now().isBefore(until)) {
        Thread.sleep(50);
      }
      assertThat(startedSince(before)).contains("claimdesk-assignment");
    }

    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    Set<String> left = startedSince(before);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      left = startedSince(before);
    }
    assertThat(left).as("threads a stopped claimdesk left running").isEmpty();
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
