package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.web.http.ServerLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One address with {@link ServerLimits#PER_ADDRESS_THREADS} requests holding a thread (bodies that stopped
 * arriving): its further requests wait without a thread while another address is served, and run once the
 * server has ended the stalled ones.
 */
class PerAddressLimitTest {
  private static final int QUEUED = 50;
  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anAddressOverItsCapShouldWaitWithoutAThreadWhileAnotherIsServed() throws Exception {
    int port = api.app.port();
    QueuedThreadPool pool = (QueuedThreadPool) api.app.jettyServer().server().getThreadPool();
    HealthProbe.warmUp(port, "127.0.0.1");
    int busyBefore = pool.getBusyThreads();
    List<SlowRequest> stalled = new ArrayList<>();
    List<CompletableFuture<String>> queued = new ArrayList<>();
    try {
      for (int i = 0; i < ServerLimits.PER_ADDRESS_THREADS; i++) {
        stalled.add(new SlowRequest("127.0.0.1", port, "/api/auth/token", 100_000));
      }
      Thread.sleep(500); // each is dispatched with its first byte and blocks reading the rest
      for (int i = 0; i < QUEUED; i++) {
        queued.add(CompletableFuture.supplyAsync(() -> {
          try {
            return HealthProbe.get(port, "127.0.0.1", "/healthz");
          } catch (IOException e) {
            return "failed: " + e;
          }
        }));
      }
      Thread.sleep(1_000);
      int busy = pool.getBusyThreads() - busyBefore;
      long start = System.nanoTime();
      String otherAddress = HealthProbe.get(port, "127.0.0.2", "/healthz");
      long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long waiting = queued.stream().filter(f -> !f.isDone()).count();
      System.out.printf("127.0.0.1 with %d stalled and %d more requests: %d waiting after 1 s, %d more busy"
          + " server threads; 127.0.0.2 answered in %d ms '%s'%n", stalled.size(), QUEUED, waiting, busy,
          servedMillis, otherAddress.lines().findFirst().orElse(""));

      assertThat(waiting).as("requests of 127.0.0.1 waiting").isEqualTo(QUEUED);
      assertThat(busy).as("server threads taken by 127.0.0.1").isLessThanOrEqualTo(ServerLimits.PER_ADDRESS_THREADS + 2);
      assertThat(otherAddress).startsWith("HTTP/1.1 200").contains("\"ok\"");
      assertThat(servedMillis).isLessThan(1_000);

      // the server ends the stalled bodies (no byte for BODY_IDLE_MILLIS), and the waiting ones run
      for (CompletableFuture<String> answer : queued) {
        assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").contains("\"ok\"");
      }
      // a permit is handed on just before its request's 408 is written: give the last answers a moment
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!stalled.stream().allMatch(SlowRequest::closedByServer) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(stalled).allMatch(SlowRequest::closedByServer);
      assertThat(stalled).allSatisfy(r -> assertThat(r.status()).isEqualTo("HTTP/1.1 408 Request Timeout"));
    } finally {
      for (SlowRequest request : stalled) {
        request.close();
      }
    }
  }
}
