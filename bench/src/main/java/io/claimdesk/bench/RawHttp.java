package io.claimdesk.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP/1.1 request per connection on a plain socket, bound to a chosen loopback source address, with a body
 * streamed from a generator (never held whole) and a hard time limit: the abuse probes must report what the server
 * does with a body it should refuse (answer early, close, or read it all), which a client library hides.
 */
final class RawHttp {
  /** How an exchange that the bench gave up on is counted: the server may still be working on it. */
  static final String TIME_LIMIT = "no answer within the time limit";
  private static final int MAX_BODY_KEPT = 64 * 1024;
  private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-raw-http-closer");
    thread.setDaemon(true);
    return thread;
  });

  private RawHttp() {}

  /** Pieces of a body, handed out one after another; null at the end. */
  interface Chunks {
    byte[] next();
  }

  /**
   * What came back: {@code status} 0 when no answer was read, then {@code failure} says why. {@code sent} counts
   * the body bytes written before the answer or the failure.
   */
  record Answer(int status, String headers, String body, long bodyBytes, long sent, double seconds, String failure) {
    boolean answered() {
      return status > 0;
    }

    /** The status code, or how the exchange ended without one. */
    String kind() {
      if (answered()) {
        return Integer.toString(status);
      }
      return failure != null && failure.startsWith("stopped by the bench") ? TIME_LIMIT : "connection closed";
    }

    /** The first value of a response header, or null. */
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /** A body of {@code prefix}, then {@code filler} bytes of {@code fill}, then {@code suffix}: its chunks. */
  static Chunks generated(byte[] prefix, long filler, byte fill, byte[] suffix) {
    byte[] block = new byte[64 * 1024];
    java.util.Arrays.fill(block, fill);
    return new Chunks() {
      private int stage;
      private long left = filler;

      @Override
      public byte[] next() {
        if (stage == 0) {
          stage = 1;
          return prefix;
        }
        if (stage == 1 && left > 0) {
          int n = (int) Math.min(block.length, left);
          left -= n;
          return n == block.length ? block : java.util.Arrays.copyOf(block, n);
        }
        if (stage == 1) {
          stage = 2;
          return suffix;
        }
        return null;
      }
    };
  }

  static Chunks of(byte[] body) {
    return generated(body, 0, (byte) 0, new byte[0]);
  }

  /** A whole small request: {@code head} is the request line and header lines, each ending in CRLF. */
  static Answer exchange(String source, int port, String head, byte[] body, Duration limit) {
    return send(source, port, head, body.length, of(body), limit);
  }

  static Answer get(String source, int port, String path, Duration limit, String... headers) {
    StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return send(source, port, head.toString(), -1, null, limit);
  }

  /**
   * Sends {@code head} plus a Host and Connection: close header, then the body ({@code length} bytes with a
   * Content-Length, or chunked when {@code length} is -1 and there are chunks), stopping early as soon as the server
   * answers or closes; reads the answer. The socket is closed at {@code limit} whatever happens.
   */
  static Answer send(String source, int port, String head, long length, Chunks body, Duration limit) {
    long start = System.nanoTime();
    long sent = 0;
    String failure = null;
    AtomicBoolean timedOut = new AtomicBoolean();
    Socket socket = new Socket();
    ScheduledFuture<?> closer = CLOSER.schedule(() -> {
      timedOut.set(true);
      closeQuietly(socket);
    }, limit.toMillis(), TimeUnit.MILLISECONDS);
    try {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout((int) limit.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      boolean chunked = length < 0 && body != null;
      StringBuilder all = new StringBuilder(head).append("Host: 127.0.0.1:").append(port)
          .append("\r\nConnection: close\r\n");
      if (chunked) {
        all.append("Transfer-Encoding: chunked\r\n");
      } else if (length >= 0) {
        all.append("Content-Length: ").append(length).append("\r\n");
      }
      out.write(all.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        for (byte[] chunk = body == null ? null : body.next(); chunk != null; chunk = body.next()) {
          if (in.available() > 0) {
            break; // answered before the body ended: stop sending, read the answer
          }
          if (chunk.length == 0) {
            continue;
          }
          if (chunked) {
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          out.write(chunk);
          if (chunked) {
            out.write('\r');
            out.write('\n');
          }
          sent += chunk.length;
        }
        if (chunked && in.available() == 0) {
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException e) {
        failure = "write failed: " + e.getMessage(); // an answer may still be waiting in the socket
      }
      return read(in, sent, start);
    } catch (IOException e) {
      String why = timedOut.get() || e instanceof java.net.SocketTimeoutException
          ? "stopped by the bench at " + limit.toSeconds() + " s"
          : failure != null ? failure + "; then read failed: " + e.getMessage() : e.getMessage();
      return new Answer(0, "", "", 0, sent, seconds(start), why);
    } finally {
      closer.cancel(false);
      closeQuietly(socket);
    }
  }

  private static Answer read(InputStream in, long sent, long start) throws IOException {
    String status = line(in);
    String[] words = status.split(" ");
    if (words.length < 2 || !words[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    StringBuilder headers = new StringBuilder();
    long length = -1;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      headers.append(header).append("\r\n");
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(header.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long bodyBytes = 0;
    try {
      if (chunked) {
        for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
          bodyBytes += keep(body, in.readNBytes(size));
          line(in);
        }
      } else {
        while (length < 0 || bodyBytes < length) {
          byte[] piece = in.readNBytes((int) (length < 0 ? 8192 : Math.min(8192, length - bodyBytes)));
          if (piece.length == 0) {
            break;
          }
          bodyBytes += keep(body, piece);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the status line is what counts; a body cut short is kept as far as it came
    }
    return new Answer(Integer.parseInt(words[1]), headers.toString(), body.toString(StandardCharsets.UTF_8),
        bodyBytes, sent, seconds(start), null);
  }

  /** Keeps the first 64 kB of a body (enough for any error message); counts all of it. */
  private static int keep(ByteArrayOutputStream body, byte[] piece) {
    body.write(piece, 0, Math.max(0, Math.min(piece.length, MAX_BODY_KEPT - body.size())));
    return piece.length;
  }

  /** One line of an HTTP head, without its CR LF. */
  static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
