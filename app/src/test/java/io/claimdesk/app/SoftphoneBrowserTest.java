package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The softphone in headless Chromium against the running app. The SDK's signalling address is a closed port on
 * 127.0.0.1 (Claimdesk.Testing), so the browser tries to reach "Twilio" without leaving the machine and must say that
 * it cannot. The notes endpoint is answered by a route of this test, which records what the page sent.
 */
class SoftphoneBrowserTest {
  static final String CALL_SID = "CA" + "0123456789abcdef".repeat(2);
  static final ObjectMapper JSON = new ObjectMapper();

  /** What the notes route received: method, path, CSRF header, body. */
  record Posted(String method, String path, String csrf, String body) {}

  static final List<Posted> POSTED = new CopyOnWriteArrayList<>();
  /** The notes route's next answer: status and body. */
  static final AtomicReference<Map.Entry<Integer, String>> ANSWER = new AtomicReference<>();

  @TempDir
  static Path dataDir;
  static Claimdesk app;
  static int closedPort;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeAvailable();
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // closed again before the browser dials it: connection refused
    }
    app = Claimdesk.start(SoftphoneTokenTest.config(dataDir, SoftphoneTokenTest.TWILIO), 4,
        new Claimdesk.Testing("127.0.0.1:" + closedPort, config -> config.router.mount(routes ->
            routes.before("/api/voice/calls/*", ctx -> {
              POSTED.add(new Posted(ctx.method().name(), ctx.path(), ctx.header("X-CSRF-Token"), ctx.body()));
              Map.Entry<Integer, String> answer = ANSWER.get();
              ctx.status(answer.getKey()).contentType("application/json").result(answer.getValue());
              ctx.skipRemainingHandlers();
            }))));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void thePhonePageGetsATokenAndSaysTwilioCannotBeReached() throws Exception {
    try (Browser ana = new Browser("http://127.0.0.1:" + app.port())) {
      ana.login("ana@example.com", "claimdesk-demo");
      String memberId = ana.find("a.who").getAttribute("data-member");
      ana.open("/dashboard/phone");
      if (!bundled(ana)) {
        return;
      }
      ana.until(d -> ana.text("#phone-identity").startsWith("agent_"), "receive a token");
      assertThat(ana.text("#phone-identity")).isEqualTo("agent_" + memberId);
      assertThat(requested(ana, "/api/voice/token")).isEqualTo(1L);

      ana.until(d -> "offline".equals(ana.find("#phone-status").getAttribute("data-state")), "give up on Twilio");
      String status = ana.text("#phone-status");
      System.out.println("phone status: " + status);
      // 31005 when the socket closes, 31000 when it fails first: either is the SDK's word for no connection
      assertThat(status).matches("Twilio cannot be reached: the phone is offline and calls do not ring here \\(no "
          + "connection to Twilio's signalling server, error 3100[05]\\)\\. It keeps trying\\.");
      assertThat(ana.find("#phone-widget").getAttribute("class")).isEqualTo("phone-widget offline");
      assertThat(nonLoopbackRequests(ana)).isEmpty();
      // the page's policy admits the loopback signalling host: the SDK's socket was refused, not blocked
      assertThat(pagePolicy(ana, "/dashboard/phone")).contains("connect-src 'self' wss://*.twilio.com "
          + "https://*.twilio.com wss://127.0.0.1:" + closedPort + ";");
      ana.screenshot(Path.of("target", "screenshots", "phone.png"));

      // any other dashboard page carries the widget, which registers the same way
      ana.open("/dashboard/tickets/mine");
      ana.until(d -> ana.find("#phone-widget").getAttribute("class").contains("offline"), "widget goes offline");
      assertThat(requested(ana, "/api/voice/token")).isEqualTo(1L);
    }
  }

  @Test
  void notesAreSavedThroughTheNotesApiAndARefusalIsShown() throws Exception {
    try (Browser bo = new Browser("http://127.0.0.1:" + app.port())) {
      bo.login("bo@example.com", "claimdesk-demo");
      bo.open("/dashboard/phone?call=" + CALL_SID);
      if (!bundled(bo)) {
        return;
      }
      String csrf = bo.find("meta[name=csrf-token]").getAttribute("content");
      assertThat(bo.text("#notes-for")).isEqualTo("Notes for call " + CALL_SID + ".");

      POSTED.clear();
      ANSWER.set(Map.entry(201, "{\"callSid\":\"" + CALL_SID + "\"}"));
      bo.find("#notes").sendKeys("Wants a refund for order 1042");
      bo.find("#save-notes").click();
      bo.until(d -> "saved".equals(bo.find("#notes-status").getAttribute("data-state")), "save the notes");
      assertThat(bo.text("#notes-status")).isEqualTo("Notes saved to call " + CALL_SID + ".");
      assertThat(POSTED).hasSize(1);
      Posted posted = POSTED.get(0);
      assertThat(posted.method()).isEqualTo("POST");
      assertThat(posted.path()).isEqualTo("/api/voice/calls/" + CALL_SID + "/notes");
      assertThat(posted.csrf()).isEqualTo(csrf);
      JsonNode body = JSON.readTree(posted.body());
      assertThat(body.size()).isEqualTo(1);
      assertThat(body.get("body").asText()).isEqualTo("Wants a refund for order 1042");
      assertThat(bo.find("#notes").getAttribute("value")).isEmpty();

      ANSWER.set(Map.entry(403, "{\"error\":\"Only the agent on the call or a manager can add notes\"}"));
      bo.find("#notes").sendKeys("Second thought");
      bo.find("#save-notes").click();
      bo.until(d -> "error".equals(bo.find("#notes-status").getAttribute("data-state")), "show the refusal");
      assertThat(bo.text("#notes-status")).isEqualTo("Notes not saved: Only the agent on the call or a manager can "
          + "add notes. They are still in the box; save again.");
      assertThat(bo.find("#notes").getAttribute("value")).isEqualTo("Second thought");
      assertThat(POSTED).hasSize(2);
      System.out.println("notes posted: " + POSTED);
    }
  }

  @Test
  void withoutTwilioSettingsThePageShowsTheTokenEndpointsMessage(@TempDir Path bareDir) throws Exception {
    try (Claimdesk bare = Claimdesk.start(SoftphoneTokenTest.config(bareDir, Map.of()), 4);
        Browser ana = new Browser("http://127.0.0.1:" + bare.port())) {
      ana.login("ana@example.com", "claimdesk-demo");
      ana.open("/dashboard/phone");
      if (!bundled(ana)) {
        return;
      }
      ana.until(d -> "refused".equals(ana.find("#phone-status").getAttribute("data-state")), "see the 503");
      assertThat(ana.text("#phone-status")).isEqualTo(SoftphoneTokenTest.ALL_MISSING);
      assertThat(ana.find("#phone-widget").getAttribute("title")).isEqualTo(SoftphoneTokenTest.ALL_MISSING);
      assertThat(requested(ana, "/api/voice/token")).isEqualTo(1L);
    }
  }

  /** Whether this build has the softphone bundle; without it, the page must say the phone needs npm. */
  static boolean bundled(Browser browser) {
    if ("true".equals(browser.find("#softphone").getAttribute("data-bundled"))) {
      return true;
    }
    assertThat("true".equalsIgnoreCase(System.getenv("CI"))).as("CI installs npm (.ci/run): the bundle must be built")
        .isFalse();
    assertThat(browser.text("#phone-status")).startsWith("The phone needs a build with npm");
    browser.until(d -> browser.find("#phone-widget").getAttribute("class").equals("phone-widget off"),
        "see the widget say the phone is off");
    System.out.println("no softphone bundle in this build (no npm on the PATH): asserted the 'needs a build with"
        + " npm' message instead of the phone");
    return false;
  }

  /** How many times this page fetched the path, from the browser's own record of its requests. */
  private static long requested(Browser browser, String path) {
    return (Long) browser.script("return performance.getEntriesByType('resource')"
        + ".filter(e => new URL(e.name).pathname === arguments[0]).length;", path);
  }

  /** The Content-Security-Policy the server sends the browser's session for the page. */
  private static String pagePolicy(Browser browser, String path) throws Exception {
    String session = browser.driver.manage().getCookieNamed("claimdesk_session").getValue();
    HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.port() + path)).header("Cookie", "claimdesk_session=" + session)
        .build(), HttpResponse.BodyHandlers.discarding());
    assertThat(page.statusCode()).isEqualTo(200);
    return page.headers().firstValue("Content-Security-Policy").orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<String> nonLoopbackRequests(Browser browser) {
    return (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)"
        + ".filter(n => !n.startsWith('http://127.0.0.1:') && !n.startsWith('data:'));");
  }
}
