package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code claimdesk.jar} run as a child process for the integration tests of several instances on one database:
 * on a free port, with a data directory and a log file of its own in the test's directory, its output appended to
 * that log; with the health and lease checks those tests wait on, and the kill that ends it.
 */
final class ChildClaimdesk {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  final String name;
  final int port;
  final Path log;
  final Process process;

  private ChildClaimdesk(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code claimdesk.jar} (the path in the system property of that name) with a 256 MB heap as {@code name},
   * on the database at {@code mongoUri}, its data in {@code dir/name} and its output in {@code dir/name.log};
   * {@code env} adds to its environment.
   */
  static ChildClaimdesk start(String name, Path dir, String mongoUri, Map<String, String> env) throws IOException {
    int port = FreePorts.next();
    Path log = dir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", System.getProperty("claimdesk.jar"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("PORT", Integer.toString(port));
    environment.put("DATA_DIR", dir.resolve(name).toString());
    environment.put("MONGODB_URI", mongoUri);
    environment.putAll(env);
    return new ChildClaimdesk(name, port, log, builder.start());
  }

  /** Waits up to 60 s for {@code /healthz} to answer 200; fails at once, with the log's tail, if the process died. */
  void awaitHealthy() {
    Await.until(Duration.ofSeconds(60), () -> {
      assertThat(process.isAlive()).as(name + " alive; its log:\n" + tail()).isTrue();
      HttpResponse<String> health = get("/healthz");
      return health != null && health.statusCode() == 200;
    }, name + " healthy");
  }

  /** Whether /metrics says this instance holds the lease {@code lease}. */
  boolean holds(String lease) {
    HttpResponse<String> metrics = get("/metrics");
    return metrics != null && metrics.statusCode() == 200
        && metrics.body().contains("claimdesk_lease_held{name=\"" + lease + "\"} 1.0\n");
  }

  /** A GET of {@code path} with a 5 s timeout; null if the instance does not answer. */
  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL, nothing released; whether the process ended within 10 s. */
  boolean kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(10, TimeUnit.SECONDS);
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  /** The last 40 lines of the log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
