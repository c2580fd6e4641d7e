package io.claimdesk.bench;

import io.claimdesk.bench.AbuseScenario.Outcome;
import io.claimdesk.bench.AbuseScenario.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The probes that send big or slow bodies: {@code chunked}, {@code slow}, {@code mailgun}. */
final class AbuseStreamProbes {
  private static final long MB = 1024L * 1024;
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final int SLOW_CONNECTIONS = 300;
  private static final int SLOW_SECONDS = 30;
  private static final int SLOW_EVERY_SECONDS = 5;
  private static final int MAILGUN_POSTS = 40;

  private AbuseStreamProbes() {}

  /** 600 MB of password, chunked (no length announced), to the token endpoint and to the login form. */
  static Outcome chunked(Target target) throws Exception {
    long filler = 600 * MB;
    String admin = target.credentials().adminEmail();
    RawHttp.Answer api = RawHttp.send("127.0.0.1", target.port(),
        "POST /api/auth/token HTTP/1.1\r\nContent-Type: application/json\r\n", -1,
        RawHttp.generated(("{\"email\":\"" + admin + "\",\"password\":\"").getBytes(StandardCharsets.UTF_8), filler,
            (byte) 'a', "\"}".getBytes(StandardCharsets.UTF_8)), LIMIT);
    AbuseLoginProbes.LoginForm form = AbuseLoginProbes.LoginForm.fetch("127.0.0.1", target.port());
    RawHttp.Answer login = RawHttp.send("127.0.0.1", target.port(), "POST /login HTTP/1.1\r\nContent-Type: "
        + "application/x-www-form-urlencoded\r\nCookie: " + form.cookie() + "\r\n", -1,
        RawHttp.generated(("formToken=" + form.token() + "&next=%2F&email=" + admin.replace("@", "%40")
            + "&password=").getBytes(StandardCharsets.UTF_8), filler, (byte) 'a', new byte[0]), LIMIT);
    return new Outcome("600 MB chunked to POST /api/auth/token, then to POST /login",
        "token: " + one(api) + "; login: " + one(login));
  }

  /**
   * 300 connections announcing a 100,000-byte body and sending one byte of it every 5 s for 30 s, watched without
   * blocking: which ones the server closes (or answers), and when.
   */
  static Outcome slow(Target target) throws Exception {
    byte[] head = ("POST /api/auth/token HTTP/1.1\r\nHost: 127.0.0.1:" + target.port() + "\r\nContent-Type: "
        + "application/json\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    List<SocketChannel> channels = new ArrayList<>();
    double[] closedAt = new double[SLOW_CONNECTIONS];
    String[] answers = new String[SLOW_CONNECTIONS];
    Arrays.fill(closedAt, -1);
    int refused = 0;
    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
      try {
        SocketChannel channel = SocketChannel.open();
        channel.socket().connect(new InetSocketAddress("127.0.0.1", target.port()), 5_000);
        channel.write(ByteBuffer.wrap(head));
        channel.configureBlocking(false);
        channels.add(channel);
      } catch (IOException e) {
        refused++;
      }
    }
    long start = System.nanoTime();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try {
      for (long next = 0; (System.nanoTime() - start) / 1e9 < SLOW_SECONDS; Thread.sleep(250)) {
        double now = (System.nanoTime() - start) / 1e9;
        boolean send = now >= next;
        if (send) {
          next += SLOW_EVERY_SECONDS;
        }
        for (int i = 0; i < channels.size(); i++) {
          if (closedAt[i] >= 0) {
            continue;
          }
          SocketChannel channel = channels.get(i);
          try {
            if (send) {
              channel.write(ByteBuffer.wrap(new byte[] {'a'}));
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read > 0 && answers[i] == null) {
              String text = new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1);
              answers[i] = text.startsWith("HTTP/") && text.length() >= 12 ? text.substring(9, 12) : "garbled";
            }
            if (read < 0) {
              closedAt[i] = now;
            }
          } catch (IOException e) {
            closedAt[i] = now;
          }
        }
      }
    } finally {
      for (SocketChannel channel : channels) {
        channel.close();
      }
    }
    return new Outcome(SLOW_CONNECTIONS + " × POST /api/auth/token, Content-Length 100000, 1 byte every "
        + SLOW_EVERY_SECONDS + " s for " + SLOW_SECONDS + " s", slowSummary(channels.size(), refused, closedAt,
        answers));
  }

  private static String slowSummary(int opened, int refused, double[] closedAt, String[] answers) {
    double[] closed = Arrays.stream(closedAt, 0, opened).filter(t -> t >= 0).sorted().toArray();
    StringBuilder out = new StringBuilder();
    out.append(opened).append(" opened");
    if (refused > 0) {
      out.append(", ").append(refused).append(" could not connect");
    }
    out.append("; server closed ").append(closed.length);
    if (closed.length > 0) {
      out.append(String.format(" (first at %.1f s, median %.1f s, last %.1f s)", closed[0],
          closed[closed.length / 2], closed[closed.length - 1]));
    }
    out.append("; still open at ").append(SLOW_SECONDS).append(" s: ").append(opened - closed.length);
    java.util.Map<String, Long> statuses = Arrays.stream(answers, 0, opened).filter(a -> a != null)
        .collect(java.util.stream.Collectors.groupingBy(a -> a, java.util.TreeMap::new,
            java.util.stream.Collectors.counting()));
    out.append("; answers: ").append(statuses.isEmpty() ? "none" : statuses.entrySet().stream()
        .map(e -> e.getValue() + " × " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
    return out.toString();
  }

  /** 40 forged Mailgun posts at once, 49 MB each, the wrong signature in the first fields. */
  static Outcome mailgun(Target target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(MAILGUN_POSTS);
    Tally tally = new Tally();
    try {
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < MAILGUN_POSTS; i++) {
        int n = i;
        posts.add(pool.submit(() -> tally.add(forgedMailgun(target.port(), n))));
      }
      for (Future<?> post : posts) {
        post.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(MAILGUN_POSTS + " × 49 MB multipart to POST /api/ingest/mailgun at once, wrong signature",
        tally.describe(true));
  }

  private static RawHttp.Answer forgedMailgun(int port, int n) {
    String boundary = "bench-abuse-" + n;
    String fields = field(boundary, "timestamp", Long.toString(System.currentTimeMillis() / 1000))
        + field(boundary, "token", "forged-token-" + n + "-" + System.nanoTime())
        + field(boundary, "signature", "0".repeat(64))
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"body-mime\"\r\n\r\n"
        + "From: someone@example.org\r\nTo: support@example.com\r\nSubject: forged " + n + "\r\nMessage-ID: <forged-"
        + n + "@example.org>\r\n\r\n";
    byte[] prefix = fields.getBytes(StandardCharsets.UTF_8);
    byte[] suffix = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long filler = 49 * MB - prefix.length - suffix.length;
    return RawHttp.send("127.0.0.1", port, "POST /api/ingest/mailgun HTTP/1.1\r\nContent-Type: multipart/form-data; "
        + "boundary=" + boundary + "\r\n", 49 * MB, RawHttp.generated(prefix, filler, (byte) 'a', suffix), LIMIT);
  }

  private static String field(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  /** One answer in words: its status (or how it ended), the body bytes sent, the time, a JSON message if any. */
  static String one(RawHttp.Answer answer) {
    String body = answer.body().strip();
    String message = !body.startsWith("{") ? "" : body.length() <= 120 ? body : body.substring(0, 117) + "...";
    return answer.kind() + " after " + Tally.mb(answer.sent()) + " sent, " + String.format("%.1f s", answer.seconds())
        + (message.isEmpty() ? "" : " `" + message.replace("|", "\\|").replace("\n", " ") + "`");
  }
}
