package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.web.http.ServerLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One address with {@link ServerLimits#PER_ADDRESS_THREADS} requests holding a thread (bodies that stopped
 * arriving) is refused a further request at once, while another address is served; once the server has ended
 * the stalled ones, the address is served again.
 */
class PerAddressLimitTest {
  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anAddressOverItsCapShouldBeRefusedWhileAnotherIsServed() throws Exception {
    int port = api.app.port();
    List<SlowRequest> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < ServerLimits.PER_ADDRESS_THREADS; i++) {
        stalled.add(new SlowRequest("127.0.0.1", port, "/api/auth/token", 100_000));
      }
      Thread.sleep(500); // each is dispatched with its first byte and blocks reading the rest

      long start = System.nanoTime();
      String sameAddress = HealthProbe.get(port, "127.0.0.1", "/healthz");
      long refusedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      start = System.nanoTime();
      String otherAddress = HealthProbe.get(port, "127.0.0.2", "/healthz");
      long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("with %d stalled requests of 127.0.0.1: 127.0.0.1 answered in %d ms '%s',"
          + " 127.0.0.2 in %d ms '%s'%n", stalled.size(), refusedMillis, firstLine(sameAddress), servedMillis,
          firstLine(otherAddress));

      assertThat(sameAddress).startsWith("HTTP/1.1 429")
          .contains("{\"error\":\"Too many requests at once from 127.0.0.1: at most 16 run at a time\"}");
      assertThat(otherAddress).startsWith("HTTP/1.1 200").contains("\"ok\"");
      assertThat(stalled).noneMatch(SlowRequest::closedByServer);

      // the server ends the stalled bodies (no byte for BODY_IDLE_MILLIS), and the address gets its threads back
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!stalled.stream().allMatch(SlowRequest::closedByServer) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(stalled).allMatch(SlowRequest::closedByServer);
      assertThat(stalled).allSatisfy(r -> assertThat(r.status()).isEqualTo("HTTP/1.1 408 Request Timeout"));
      assertThat(HealthProbe.get(port, "127.0.0.1", "/healthz")).startsWith("HTTP/1.1 200");
    } finally {
      for (SlowRequest request : stalled) {
        request.close();
      }
    }
  }

  private static String firstLine(String answer) {
    int end = answer.indexOf("\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }
}
