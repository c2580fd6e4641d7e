package io.claimdesk.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests are timed by route pattern, including those refused before their route ran and those no route had. */
class HttpMetricsTest {
  private final Metrics metrics = new Metrics();
  private final Javalin app = Javalin.create(config -> HttpMetrics.install(config, metrics.registry()))
      .before("/guarded", ctx -> {
        throw new ForbiddenResponse("no");
      })
      .get("/guarded", ctx -> ctx.result("never"))
      .get("/tickets/{id}", ctx -> ctx.result("ticket " + ctx.pathParam("id")))
      .start("127.0.0.1", 0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void requestsShouldBeCountedPerRoutePatternWhateverAnsweredThem() throws Exception {
    assertThat(get("/tickets/1")).isEqualTo(200);
    assertThat(get("/tickets/2")).isEqualTo(200);
    assertThat(get("/guarded")).isEqualTo(403);
    assertThat(get("/no/such/path")).isEqualTo(404);

    String text = metrics.render();
    assertThat(text)
        .contains("claimdesk_http_requests_seconds_count{method=\"GET\",route=\"/tickets/{id}\",status=\"2xx\"} 2\n")
        .contains("claimdesk_http_requests_seconds_count{method=\"GET\",route=\"before\",status=\"4xx\"} 1\n")
        .contains("claimdesk_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"4xx\"} 1\n")
        .doesNotContain("/tickets/1", "/no/such/path");
  }

  private int get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
