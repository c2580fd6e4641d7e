package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chunked body has no Content-Length for a limit to check up front: a 600 MB one, generated as it is sent,
 * must be cut off after about the route's 1 MiB, without the server's heap growing with it and while
 * {@code /healthz} keeps answering. A declared one is refused before a byte of it is read. Either way the client
 * gets its 413, with the socket left open a moment after it, and nothing more of the body is read.
 */
@Timeout(120)
class ChunkedBodyLimitTest {
  private static final long BODY_BYTES = 600L * 1024 * 1024;
  private static final byte[] CHUNK = new byte[64 * 1024];
  private ApiFixture api;
  private final BytesIn attacker = new BytesIn("127.0.0.1");

  @BeforeEach
  void start() {
    api = new ApiFixture();
    for (Connector connector : api.app.jettyServer().server().getConnectors()) {
      connector.addBean(attacker);
    }
    Arrays.fill(CHUNK, (byte) 'a');
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void a600MegabyteChunkedTokenRequestShouldBeRefusedAfterAboutOneMebibyte() throws Exception {
    assertRefusedEarly("/api/auth/token", "application/json");
  }

  @Test
  void a600MegabyteChunkedLoginPostShouldBeRefusedAfterAboutOneMebibyte() throws Exception {
    assertRefusedEarly("/login", "application/x-www-form-urlencoded");
  }

  @Test
  void a600MegabyteDeclaredBodyShouldBeAnsweredAndClosedWithoutBeingRead() throws Exception {
    assertRefusedEarly("/api/auth/token", "application/json", false);
  }

  private void assertRefusedEarly(String path, String contentType) throws Exception {
    assertRefusedEarly(path, contentType, true);
  }

  private void assertRefusedEarly(String path, String contentType, boolean chunked) throws Exception {
    HealthProbe.warmUp(api.app.port(), "127.0.0.2");
    long heapBefore = usedHeapAfterGc();
    HealthProbe probe = HealthProbe.start(api.app.port(), "127.0.0.2");
    long sent = 0;
    AtomicLong answeredNanos = new AtomicLong();
    long sendFailedNanos = 0;
    CompletableFuture<String> status;
    long started = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", api.app.port())) {
      socket.setSoTimeout(60_000);
      InputStream in = socket.getInputStream();
      status = CompletableFuture.supplyAsync(() -> {
        try {
          String line = HealthProbe.statusLine(in);
          answeredNanos.set(System.nanoTime());
          return line;
        } catch (IOException e) {
          return "closed without an answer: " + e.getMessage();
        }
      });
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
          + (chunked ? "\r\nTransfer-Encoding: chunked" : "\r\nContent-Length: " + BODY_BYTES)
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] size = (chunked ? Integer.toHexString(CHUNK.length) + "\r\n" : "")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] end = (chunked ? "\r\n" : "").getBytes(StandardCharsets.US_ASCII);
      try {
        while (sent < BODY_BYTES) { // like a real client: sending on until the server closes
          out.write(size);
          out.write(CHUNK);
          out.write(end);
          sent += CHUNK.length;
        }
        out.write((chunked ? "0\r\n\r\n" : "").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedByServer) {
        // expected: the server stops reading after its answer, and closes the socket a moment later
        sendFailedNanos = System.nanoTime();
      }
      String line = status.get(60, TimeUnit.SECONDS);
      long lingerMillis = TimeUnit.NANOSECONDS.toMillis(sendFailedNanos - answeredNanos.get());
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      long received = attacker.awaitClosed(); // the server must close the connection itself
      List<Long> millis = probe.stopAfter(started, 3); // before the GCs below, which would pause the probes
      long peakGrowth = probe.peakHeap() - heapBefore;
      long heapGrowth = usedHeapAfterGc() - heapBefore;
      long p50 = HealthProbe.percentile(millis, 50);
      long p95 = HealthProbe.percentile(millis, 95);
      System.out.printf("%s: answer '%s' after %d s; client sent %d bytes, server received %d bytes; socket"
          + " closed %d ms after the answer; heap growth %d bytes at the peak, %d bytes after GC; /healthz %d"
          + " probes p50 %d ms p95 %d ms%n", path, line, seconds, sent, received, lingerMillis, peakGrowth,
          heapGrowth, millis.size(), p50, p95);

      assertThat(line).startsWith("HTTP/1.1 413");
      assertThat(received).as("bytes the server read (-1: it kept the connection)").isBetween(0L, 3L * 1024 * 1024);
      assertThat(sent).as("bytes the client got to send").isLessThan(BODY_BYTES);
      // closed at once, the socket is reset and can take the answer with it before the client has read it
      assertThat(lingerMillis).as("ms between the answer and the server's close").isGreaterThanOrEqualTo(500);
      assertThat(peakGrowth).as("heap growth at the peak").isLessThan(64L * 1024 * 1024);
      assertThat(heapGrowth).as("heap growth after GC").isLessThan(32L * 1024 * 1024);
      assertThat(millis.size()).isGreaterThanOrEqualTo(1);
      assertThat(p95).as("/healthz p95 in ms").isLessThan(200);
    }
  }

  /** The bytes the server read on the connections of one address, counted as each closes. */
  static final class BytesIn implements Connection.Listener {
    private final String address;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    /** Remembered when opened: a closed connection no longer knows its peer. */
    private final Set<Connection> ours = ConcurrentHashMap.newKeySet();

    BytesIn(String address) {
      this.address = address;
    }

    private boolean counted(Connection connection) {
      return connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress remote
          && remote.getAddress().getHostAddress().equals(address);
    }

    @Override
    public void onOpened(Connection connection) {
      if (counted(connection)) {
        ours.add(connection);
        open.incrementAndGet();
      }
    }

    @Override
    public void onClosed(Connection connection) {
      if (ours.remove(connection)) {
        bytes.addAndGet(connection.getBytesIn());
        open.decrementAndGet();
      }
    }

    /** The bytes read once every connection of the address is closed (waiting up to 30 s); -1 if still open. */
    long awaitClosed() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (open.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return open.get() > 0 ? -1 : bytes.get();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
