package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics after a known workload on a running claimdesk: the counters say exactly what happened, and Prometheus'
 * own checker ({@code promtool check metrics}, Debian's {@code prometheus} package, installed by CI) accepts the
 * page.
 */
class MetricsAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST_TOKEN = "ingest-token-for-metrics";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void countersShouldTellTheWorkloadAndPromtoolShouldAcceptThePage(@TempDir Path dataDir) throws Exception {
    int freePort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    AppConfig config = AppConfig.fromEnv(Map.of("PORT", Integer.toString(freePort), "DATA_DIR", dataDir.toString(),
        "INGEST_TOKEN", INGEST_TOKEN, "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "admin-password-1"));
    try (Claimdesk claimdesk = Claimdesk.start(config, 4)) {
      int port = claimdesk.port();
      String first = ingest(port, "<m1@example.org>");
      ingest(port, "<m2@example.org>");
      ingest(port, "<m1@example.org>"); // the same Message-ID again: a duplicate
      String token = JSON.readTree(send(port, "POST", "/api/auth/token", null,
          "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
      assertThat(send(port, "POST", "/api/emails/claim", token, "{\"threadId\":\"" + first + "\"}").statusCode())
          .isEqualTo(200);

      // the claim's meters are made and counted on the relay's thread once the event is relayed
      String metrics = awaitMetric(port, "claimdesk_time_to_first_claim_seconds_count 1",
          "claimdesk_owner_changes_total{action=\"claimed\",via=\"api\"} 1.0");

      assertThat(metrics)
          .contains("claimdesk_mail_ingested_total{outcome=\"stored\",source=\"raw\"} 2.0\n")
          .contains("claimdesk_mail_ingested_total{outcome=\"duplicate\",source=\"raw\"} 1.0\n")
          .contains("claimdesk_mail_ingested_total{outcome=\"quarantined\",source=\"raw\"} 0.0\n")
          .contains("claimdesk_owner_changes_total{action=\"claimed\",via=\"api\"} 1.0\n")
          .containsPattern("claimdesk_http_requests_seconds_count\\{method=\"POST\",route=\"/api/ingest/raw\","
              + "status=\"2xx\"} 3\\b")
          .contains("claimdesk_database_up 1.0\n", "claimdesk_imap_uid_lag 0.0\n")
          .contains("jvm_memory_used_bytes{", "jetty_threads_busy ");
      assertThat(metrics).doesNotContain("claimdesk_time_to_first_reply_seconds_count 1");

      Path page = dataDir.resolve("metrics.txt");
      Files.writeString(page, metrics);
      Assumptions.assumeTrue(onPath("promtool"), "promtool not found (Debian's prometheus package): not checked");
      Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(page.toFile())
          .redirectErrorStream(true).start();
      assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      System.out.println("promtool check metrics: exit " + promtool.exitValue() + " " + out);
      assertThat(promtool.exitValue()).as(out).isZero();
    }
  }

  private String ingest(int port, String messageId) throws Exception {
    String mail = "From: Carla <carla@example.org>\r\nTo: support@example.com\r\nSubject: metrics\r\nMessage-ID: "
        + messageId + "\r\n\r\nHello\r\n";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(port, "/api/ingest/raw"))
        .header("Authorization", "Bearer " + INGEST_TOKEN).header("Content-Type", "message/rfc822")
        .POST(HttpRequest.BodyPublishers.ofString(mail)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    return body.path("threadId").asText();
  }

  /** The metrics page once it contains every one of {@code lines}, or as it is after 10 s. */
  private String awaitMetric(int port, String... lines) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String page;
    do {
      page = send(port, "GET", "/metrics", null, null).body();
      String current = page;
      if (java.util.Arrays.stream(lines).allMatch(current::contains)) {
        return page;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return page;
  }

  private HttpResponse<String> send(int port, String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return ApiCalls.send(http, port, method, path, token, json);
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
