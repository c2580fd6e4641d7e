package io.claimdesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /healthz} every 100 ms on a new connection from {@code from} (another loopback address than an
 * attacker's, as a monitor would be), recording how long each took; a probe that fails or takes over 5 s counts
 * as 5 s.
 */
final class HealthProbe implements AutoCloseable {
  private static final long FAILED_MILLIS = 5_000;
  private final int port;
  private final String from;
  private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakHeap;

  private HealthProbe(int port, String from) {
    this.port = port;
    this.from = from;
    this.thread = new Thread(this::run, "healthz-probe");
  }

  static HealthProbe start(int port, String from) {
    HealthProbe probe = new HealthProbe(port, from);
    probe.thread.start();
    return probe;
  }

  private void run() {
    while (running) {
      long start = System.nanoTime();
      peakHeap = Math.max(peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
      millis.add(probeOnce() ? (System.nanoTime() - start) / 1_000_000 : FAILED_MILLIS);
      long slept = (System.nanoTime() - start) / 1_000_000;
      try {
        Thread.sleep(Math.max(0, 100 - slept));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean probeOnce() {
    try {
      String answer = get(port, from, "/healthz");
      return answer.startsWith("HTTP/1.1 200") && answer.contains("\"ok\"");
    } catch (IOException e) {
      return false;
    }
  }

  /** The whole answer to a {@code GET} sent from the loopback address {@code from}, headers included. */
  static String get(int port, String from, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) FAILED_MILLIS);
      socket.setSoTimeout((int) FAILED_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One probe first, so that the measured ones do not include the server's and the probe's first-call costs. */
  static void warmUp(int port, String from) {
    for (int i = 0; i < 5 && !new HealthProbe(port, from).probeOnce(); i++) {
      Thread.onSpinWait();
    }
  }

  /** Probes until at least {@code seconds} after {@code startNanos}, then stops as {@link #stop}. */
  List<Long> stopAfter(long startNanos, int seconds) throws InterruptedException {
    long left = startNanos + seconds * 1_000_000_000L - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
    return stop();
  }

  /** Stops probing and returns the durations in milliseconds, sorted. */
  List<Long> stop() throws InterruptedException {
    running = false;
    thread.join(10_000);
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted;
  }

  /** The most heap in use (garbage included) seen at any probe. */
  long peakHeap() {
    return peakHeap;
  }

  static long percentile(List<Long> sorted, int percent) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Reads what is left of an answer, for a test that only wants its status line. */
  static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
