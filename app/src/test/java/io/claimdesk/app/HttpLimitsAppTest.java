package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimdesk.bot.testing.FakeSlackApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as wired: BIND_ADDRESS, HSTS behind an https URL, and Slack's own body limit on /slack/events. */
class HttpLimitsAppTest {
  private static final String SECRET = "slack-signing-secret";
  @TempDir
  Path dataDir;

  private Claimdesk start(Map<String, String> extra) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "DATA_DIR", dataDir.toString()));
    env.putAll(extra);
    return Claimdesk.start(AppConfig.fromEnv(env), 4);
  }

  @Test
  void bindAddress127001ShouldServeLoopbackOnlyWhileTheDefaultServesEveryAddress() throws Exception {
    try (Claimdesk app = start(Map.of("BIND_ADDRESS", "127.0.0.1"))) {
      assertThat(send("127.0.0.1", app.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
      // 127.0.0.2 is this machine too (all of 127/8 is loopback), but not the address the server is bound to
      assertThatThrownBy(() -> send("127.0.0.2", app.port(), "GET /healthz HTTP/1.1\r\n\r\n"))
          .isInstanceOf(ConnectException.class);
    }
    try (Claimdesk app = start(Map.of())) {
      assertThat(send("127.0.0.2", app.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void slackEventsShouldRefuseBodiesOverSlacksOwnSizesAndAnswersCarryHsts() throws Exception {
    try (FakeSlackApi slack = FakeSlackApi.start(); Claimdesk app = start(Map.of(
        "PUBLIC_BASE_URL", "https://desk.example.com", "SLACK_BOT_TOKEN", "xoxb-test-token",
        "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl()))) {
      String expected = "{\"error\":\"Request body is larger than 524288 bytes (0.5 MB)\"}";
      // a first byte of the body is sent: Jetty hands a request on only once its body starts
      String declared = send("127.0.0.1", app.port(), "POST /slack/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 600000\r\n\r\npayload=");
      // signed, so that Bolt reads the body to check the signature (an unsigned request is refused unread)
      String body = "payload=" + "x".repeat(10 * 65_536 - 8);
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      StringBuilder chunked = new StringBuilder("POST /slack/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
          + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: " + sign(timestamp, body)
          + "\r\n\r\n");
      for (int start = 0; start < body.length(); start += 65_536) {
        String chunk = body.substring(start, Math.min(body.length(), start + 65_536));
        chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
      }
      String refusedWhileRead = send("127.0.0.1", app.port(), chunked.append("0\r\n\r\n").toString());
      String health = send("127.0.0.1", app.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertThat(declared).startsWith("HTTP/1.1 413").endsWith(expected);
      assertThat(refusedWhileRead).startsWith("HTTP/1.1 413").endsWith(expected);
      assertThat(health).contains("Strict-Transport-Security: max-age=31536000");
    }
  }

  /** Slack's request signature: v0= and the hex HMAC-SHA256 of "v0:timestamp:body" under the signing secret. */
  private static String sign(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
        .getBytes(StandardCharsets.UTF_8)));
  }

  /** The answer to raw bytes sent from the loopback address {@code from}. */
  private static String send(String from, int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(from, port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before all of a refused body is written
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
