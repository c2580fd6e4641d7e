package io.claimdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The abuse probes' client against a real Javalin server on loopback. */
class RawHttpTest {
  private static final long MB = 1024L * 1024;
  private Javalin server;

  @BeforeEach
  void start() {
    server = Javalin.create();
    // reads 1 MB of whatever comes and answers 413 at once, then reads nothing more for 2 s: only a client that
    // watches for the answer while it sends stops early (left alone, Jetty would swallow the rest of the body)
    server.post("/limited", ctx -> {
      InputStream in = ctx.req().getInputStream();
      long read = 0;
      for (byte[] piece = in.readNBytes(64 * 1024); piece.length > 0 && read < MB; piece = in.readNBytes(64 * 1024)) {
        read += piece.length;
      }
      ctx.status(413).contentType("application/json").header("Content-Length", Integer.toString(
          ("{\"error\":\"read " + read + " bytes\"}").length()));
      ctx.res().getOutputStream().write(("{\"error\":\"read " + read + " bytes\"}").getBytes(StandardCharsets.UTF_8));
      ctx.res().flushBuffer();
      Thread.sleep(2_000);
    });
    server.get("/ip", ctx -> ctx.result(ctx.ip()));
    server.get("/sleep", ctx -> {
      Thread.sleep(3_000);
      ctx.result("late");
    });
    server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void chunkedBodyStopsWhenTheServerAnswersEarly() {
    RawHttp.Answer answer = RawHttp.send("127.0.0.1", server.port(), "POST /limited HTTP/1.1\r\n", -1,
        RawHttp.generated("{\"password\":\"".getBytes(StandardCharsets.UTF_8), 600 * MB, (byte) 'a', new byte[0]),
        Duration.ofSeconds(30));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).startsWith("{\"error\":\"read ");
    assertThat(answer.sent()).isGreaterThanOrEqualTo(MB).isLessThan(100 * MB);
  }

  @Test
  void clientAddressIsTheOneTheSocketIsBoundTo() {
    RawHttp.Answer answer = RawHttp.get("127.0.0.2", server.port(), "/ip", Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("127.0.0.2");
    assertThat(answer.bodyBytes()).isEqualTo(9);
  }

  @Test
  void answerLaterThanTheLimitIsCountedAsTheTimeLimit() {
    RawHttp.Answer answer = RawHttp.get("127.0.0.1", server.port(), "/sleep", Duration.ofSeconds(1));

    assertThat(answer.kind()).isEqualTo(RawHttp.TIME_LIMIT);
    assertThat(answer.seconds()).isBetween(0.9, 2.5);
  }

  @Test
  void tallyCountsKindsWithTheBytesSent() {
    Tally tally = new Tally();
    tally.add(new RawHttp.Answer(401, "", "", 0, 3 * MB, 0.2, null));
    tally.add(new RawHttp.Answer(401, "", "", 0, 5 * MB, 0.4, null));
    tally.add(new RawHttp.Answer(0, "", "", 0, 49 * MB, 9.9, "connection closed by the server"));

    assertThat(tally.describe(true)).isEqualTo(
        "2 × 401 (after 3.0 MB–5.0 MB sent, ≤ 0.4 s), 1 × connection closed (after 49.0 MB sent, ≤ 9.9 s)");
    assertThat(tally.total()).isEqualTo(3);
  }
}
