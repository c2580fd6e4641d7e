package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimdesk.bot.testing.FakeSlackApi;
import io.claimdesk.bot.testing.SlackSigner;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing (Jazzer) of what claimdesk does with Slack's requests: any body, correctly signed, posted
 * to {@code POST /slack/events} of a running claimdesk (Slack's Web API being the local fake) is answered without a
 * server error. An input starting with <code>{</code> is sent as an interaction's {@code payload} (so the fuzzer
 * mutates JSON, not its URL encoding), one starting with {@code J} as an Events API JSON body (the rest of it), any
 * other as a form body, as slash commands come. Every URL in an input is pointed at the fake API first: the app
 * answers on the {@code response_url} a payload names, and a fuzzed one must not leave this machine.
 *
 * <p>Regression mode (every {@code verify}) runs the inputs under {@code SlackEventsFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, and a crash it finds is committed there as a new input.
 */
class SlackEventsFuzzTest {
  private static final String SECRET = "fuzz-signing-secret";
  private static final Pattern URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*(://|%3a%2f%2f)[^\"&\\s]*");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
  private static final SlackSigner SIGNER = new SlackSigner(SECRET);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir
  static Path dataDir;
  private static FakeSlackApi slack;
  private static Claimdesk app;
  private static String events;
  private static Set<Integer> ports;

  @BeforeAll
  static void start() throws Exception {
    slack = FakeSlackApi.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // no channel, so no chat sync: its calls would not come from an input, and could come before the first one
    app = Claimdesk.start(AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("ADMIN_EMAIL", "admin@example.com"),
        Map.entry("ADMIN_PASSWORD", "admin-password-1"),
        Map.entry("SLACK_BOT_TOKEN", "xoxb-test-token"),
        Map.entry("SLACK_SIGNING_SECRET", SECRET),
        Map.entry("SLACK_API_URL", slack.apiUrl()))), 4);
    events = "http://127.0.0.1:" + port + "/slack/events";
    ports = Set.of(port, URI.create(slack.apiUrl()).getPort(), embeddedPort(app));
  }

  private static int embeddedPort(Claimdesk app) {
    Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(app.embeddedConnectionString().orElseThrow());
    assertThat(port.find()).isTrue();
    return Integer.parseInt(port.group(1));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  @FuzzTest(maxDuration = "10m")
  void anySignedSlackRequestIsAnsweredWithoutAServerError(byte[] input) throws Exception {
    // set for every input: Jazzer's hooks are not there yet in @BeforeAll, and fuzzing starts with a fresh policy
    // any other connection is reported as server-side request forgery: only the app, its database and the fake
    BugDetectors.allowNetworkConnections((host, to) -> LOOPBACK.contains(host) && ports.contains(to));
    String text = URL.matcher(new String(input, StandardCharsets.UTF_8)).replaceAll(slack.apiUrl() + "fuzz");
    String contentType = "application/x-www-form-urlencoded";
    String body = text;
    if (text.startsWith("{")) {
      body = "payload=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    } else if (text.startsWith("J")) {
      contentType = "application/json";
      body = text.substring(1);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(events)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    SIGNER.headers(body).forEach(request::header);
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("answer to %s", body).isLessThan(500);
  }
}
