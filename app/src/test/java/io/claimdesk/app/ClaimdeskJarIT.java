package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code app/target/claimdesk.jar} the way the README does (embedded database, DEMO=true), checks that it
 * is healthy within 20 seconds and serves the demo queue, then kills it with SIGKILL and starts it again on the
 * same data directory: the demo data and a claim made before the kill are still there, and nothing is seeded twice.
 */
class ClaimdeskJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void jarShouldStartWithDemoDataAndKeepItAcrossAKill(@TempDir Path dataDir) throws Exception {
    int port = FreePorts.next();
    Process first = start(dataDir, port);
    String claimed;
    try {
      Duration startup = awaitHealthy(port, first);
      assertThat(startup).isLessThan(Duration.ofSeconds(20));

      String token = token(port, "ana@example.com");
      JsonNode unassigned = get(port, "/api/emails/tickets/unassigned", token).path("tickets");
      assertThat(unassigned.size()).isGreaterThanOrEqualTo(5);
      List<Instant> received = new ArrayList<>();
      unassigned.forEach(t -> received.add(Instant.parse(t.path("receivedAt").asText())));
      assertThat(received).isSorted();

      claimed = unassigned.get(0).path("_id").asText();
      HttpResponse<String> claim = http.send(request(port, "/api/emails/claim", token)
          .POST(HttpRequest.BodyPublishers.ofString("{\"threadId\":\"" + claimed + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(claim.statusCode()).isEqualTo(200);
    } finally {
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }

    Process second = start(dataDir, port);
    try {
      awaitHealthy(port, second);
      String token = token(port, "ana@example.com");
      JsonNode ticket = get(port, "/api/emails/tickets/" + claimed, token);
      assertThat(ticket.path("assignedToEmail").asText()).isEqualTo("ana@example.com");
      assertThat(ticket.path("history").get(0).path("action").asText()).isEqualTo("claimed");
      JsonNode all = get(port, "/api/emails/tickets?limit=200", token).path("tickets");
      assertThat(all.size()).isEqualTo(30);
    } finally {
      second.destroy();
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Process start(Path dataDir, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("claimdesk.jar"))
        .redirectErrorStream(true)
        // the log goes beside the data, so the temporary directory takes both away
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("claimdesk.log").toFile()));
    builder.environment().put("DEMO", "true");
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("DATA_DIR", dataDir.toString());
    builder.environment().remove("MONGODB_URI");
    return builder.start();
  }

  private Duration awaitHealthy(int port, Process process) throws Exception {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0) {
      assertThat(process.isAlive()).as("claimdesk process alive").isTrue();
      try {
        HttpResponse<String> health = http.send(request(port, "/healthz", null).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return Duration.between(start, Instant.now());
        }
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(100);
    }
    throw new AssertionError("claimdesk did not become healthy within 60 s");
  }

  private String token(int port, String email) throws Exception {
    HttpResponse<String> response = http.send(request(port, "/api/auth/token", null).POST(
        HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + DemoData.PASSWORD + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("token").asText();
  }

  private JsonNode get(int port, String path, String token) throws Exception {
    HttpResponse<String> response = http.send(request(port, path, token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }
}
