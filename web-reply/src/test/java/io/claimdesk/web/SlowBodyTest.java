package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 300 connections of one address each declare a 100,000-byte body and send a byte every 3 s: they must cost the
 * server connections, not its thread pool, so that {@code /healthz} (probed from another address, as a monitor
 * would) keeps answering, and the server must close them, 16 at a time (those of one address beyond 16 wait
 * without a thread).
 */
class SlowBodyTest {
  private static final int CONNECTIONS = 300;
  private static final long ATTACK_SECONDS = 20;
  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void slowBodiesShouldBeClosedByTheServerWhileHealthzKeepsAnswering() throws Exception {
    int port = api.app.port();
    HealthProbe.warmUp(port, "127.0.0.2");
    List<SlowRequest> slow = new ArrayList<>();
    HealthProbe probe = HealthProbe.start(port, "127.0.0.2");
    long started = System.nanoTime();
    long closedAt5s = -1;
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        slow.add(new SlowRequest("127.0.0.1", port, "/api/auth/token", 100_000));
      }
      long deadline = started + TimeUnit.SECONDS.toNanos(ATTACK_SECONDS);
      while (System.nanoTime() < deadline) {
        Thread.sleep(3_000);
        for (SlowRequest request : slow) {
          if (!request.closedByServer()) {
            request.trickle();
          }
        }
        if (closedAt5s < 0 && System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(5)) {
          closedAt5s = slow.stream().filter(SlowRequest::closedByServer).count();
        }
      }
      List<Long> millis = probe.stop();
      long closed = slow.stream().filter(SlowRequest::closedByServer).count();
      Map<String, Integer> answers = new TreeMap<>();
      slow.forEach(request -> answers.merge(request.status(), 1, Integer::sum));
      long p50 = HealthProbe.percentile(millis, 50);
      long p95 = HealthProbe.percentile(millis, 95);
      System.out.printf("%d slow connections for %d s: %d closed by the server after ~5 s, %d by the end;"
          + " answers %s; /healthz %d probes p50 %d ms p95 %d ms%n", CONNECTIONS, ATTACK_SECONDS, closedAt5s,
          closed, answers, millis.size(), p50, p95);

      assertThat(millis.size()).isGreaterThanOrEqualTo(100);
      assertThat(p95).as("/healthz p95 in ms").isLessThan(200);
      // 16 at a time run (the rest wait without a thread), each ended by the minimum rate at its next byte
      assertThat(closed).as("slow connections closed by the server").isGreaterThanOrEqualTo(CONNECTIONS / 2);
    } finally {
      probe.stop();
      for (SlowRequest request : slow) {
        request.close();
      }
    }
  }
}
