package io.claimdesk.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /readyz: 503 while starting, while the database does not answer and once stopping; 200 otherwise. */
class ReadinessTest {
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private final Readiness readiness = new Readiness();
  private final HealthController health = new HealthController(databaseUp::get, readiness);
  private final Javalin app = Javalin.create().get("/readyz", health::ready).get("/healthz", health::health)
      .start("127.0.0.1", 0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void readyzShouldFollowStartDatabaseAndStop() throws Exception {
    assertThat(get("/readyz")).isEqualTo("503 {\"status\":\"starting\",\"error\":\"claimdesk is starting\"}");
    assertThat(get("/healthz")).startsWith("200");

    readiness.ready();
    assertThat(get("/readyz")).isEqualTo("200 {\"status\":\"ready\"}");

    databaseUp.set(false);
    assertThat(get("/readyz")).startsWith("503 ").contains("Database is not answering");
    databaseUp.set(true);
    assertThat(get("/readyz")).startsWith("200 ");

    readiness.stopping();
    readiness.ready(); // stopping is for good
    assertThat(get("/readyz")).isEqualTo("503 {\"status\":\"stopping\",\"error\":\"claimdesk is stopping\"}");
    assertThat(get("/healthz")).startsWith("200");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }
}
