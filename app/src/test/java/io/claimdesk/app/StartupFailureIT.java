package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code app/target/claimdesk.jar} where it cannot run: it must exit by itself, non-zero, with one line
 * that says why and no stack trace.
 */
class StartupFailureIT {

  @Test
  void aPortInUseShouldEndTheStartWithOneLine(@TempDir Path dataDir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      Result result = run(dataDir, Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString()));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.output())
          .contains("claimdesk did not start: cannot listen on port " + port + ": Address already in use")
          .doesNotContain("\tat ")
          .doesNotContain("reading the outbox failed");
    }
  }

  @Test
  void anUnreachableDatabaseShouldEndTheStartWithinTheCheckTimeout(@TempDir Path dataDir) throws Exception {
    int closed = FreePorts.next();
    Result result = run(dataDir, Map.of("PORT", Integer.toString(FreePorts.next()),
        "MONGODB_URI", "mongodb://127.0.0.1:" + closed));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("claimdesk did not start: cannot reach the database at mongodb://127.0.0.1:" + closed
            + " within 10 s (MONGODB_URI)")
        .doesNotContain("\tat ");
  }

  private record Result(int exitCode, String output) {}

  /** Runs the jar until it exits by itself (it is killed after 60 s, which fails the test). */
  private static Result run(Path dir, Map<String, String> env) throws Exception {
    Path log = dir.resolve("claimdesk.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("claimdesk.jar"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("claimdesk exited by itself within 60 s").isTrue();
    } finally {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
