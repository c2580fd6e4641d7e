package io.claimdesk.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server lets a request already being handled finish and answer, within the stop timeout. */
class GracefulStopTest {
  @Test
  void aRequestInFlightWhenTheServerStopsShouldStillBeAnswered() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    Javalin app = Javalin.create(config -> {
          ServerLimits.install(config, BodyLimits.of(1024), false);
          ServerLimits.stopGracefully(config);
        })
        .get("/slow", ctx -> {
          handling.countDown();
          Thread.sleep(1_500);
          ctx.result("done");
        })
        .start("127.0.0.1", 0);
    CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    app.stop();
    long stopMillis = (System.nanoTime() - start) / 1_000_000;

    HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.body()).isEqualTo("done");
    assertThat(stopMillis).as("stop waited for the request").isGreaterThan(1_000);
  }
}
