package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.bot.testing.Await;
import io.claimdesk.bot.testing.FakeSlackApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two claimdesk instances on one database (A runs the embedded database and opens it with EMBEDDED_MONGO_ADDRESS,
 * B uses it through MONGODB_URI), both posting to the same Slack channel: mail taken in by either and claimed on
 * the other is posted once per ticket (with MONGODB_TEST_URI set, both on that MongoDB instead), every message ends showing its owner, a dashboard open on one hears of
 * claims made on the other, and each instance's queues agree.
 */
class SeveralInstancesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANNEL = "C0SUPPORT";
  private static final String INGEST = "ingest-token-0123456789";
  private static final int TICKETS = 20;
  /** A real MongoDB to run both instances on instead of A's embedded one. */
  private static final String REAL_MONGODB = System.getenv("MONGODB_TEST_URI");
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ticketsShouldBePostedOnceAndShowTheirOwnerWhicheverInstanceDidWhat(@TempDir Path dataDir) throws Exception {
    int mongoPort = FreePorts.next();
    Map<String, String> databaseA = new HashMap<>(Map.of("ADMIN_EMAIL", "admin@example.com",
        "ADMIN_PASSWORD", "admin-password-1"));
    Map<String, String> databaseB = new HashMap<>();
    if (REAL_MONGODB == null) {
      databaseA.putAll(Map.of("DATA_DIR", dataDir.toString(), "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort));
      databaseB.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/");
    } else { // both on the real MongoDB, in a database of their own
      String database = "claimdesk_several_" + System.nanoTime();
      databaseA.putAll(Map.of("MONGODB_URI", REAL_MONGODB, "MONGODB_DATABASE", database));
      databaseB.putAll(Map.of("MONGODB_URI", REAL_MONGODB, "MONGODB_DATABASE", database));
    }
    try (FakeSlackApi slack = FakeSlackApi.start();
        Claimdesk a = Claimdesk.start(AppConfig.fromEnv(env(slack, databaseA)), 4);
        Claimdesk b = Claimdesk.start(AppConfig.fromEnv(env(slack, databaseB)), 4)) {
      String token = JSON.readTree(send(a.port(), "POST", "/api/auth/token", null,
          "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}").body()).path("token").asText();
      // a dashboard open on A follows the live stream: claims made on B must reach it
      List<String> live = new java.util.concurrent.CopyOnWriteArrayList<>();
      String session = DashboardSignIn.session(HttpClient.newHttpClient(), a.port(), "admin@example.com",
          "admin-password-1");
      HttpRequest stream = HttpRequest.newBuilder(url(a.port(), "/dashboard/events"))
          .version(HttpClient.Version.HTTP_1_1).header("Cookie", session)
          .header("Accept", "text/event-stream").build();
      http.sendAsync(stream, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(live::add));
      Await.until(Duration.ofSeconds(10), () -> live.stream().anyMatch(l -> l.equals("event: hello")),
          "the dashboard stream open on A");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        ids.add(ingest(i % 2 == 0 ? a.port() : b.port(), i)); // half through each instance
      }
      for (int i = 0; i < TICKETS; i += 2) {
        // every other ticket claimed on the instance that did not take its mail in
        int port = i % 4 == 0 ? b.port() : a.port();
        assertThat(send(port, "POST", "/api/emails/claim", token, "{\"threadId\":\"" + ids.get(i) + "\"}")
            .statusCode()).isEqualTo(200);
      }

      Await.until(Duration.ofSeconds(30), () -> slack.postsFor(CHANNEL) >= TICKETS
          && claimedShown(slack) == TICKETS / 2, "every ticket posted and every claim shown");
      Thread.sleep(1_500); // time for a second post, if either instance were to make one
      Map<String, Integer> postsPerTicket = new HashMap<>();
      for (FakeSlackApi.Message message : slack.messages(CHANNEL)) {
        for (String id : ids) {
          if (message.blocksJson().contains(id)) {
            postsPerTicket.merge(id, 1, Integer::sum);
          }
        }
      }
      System.out.printf("posts %d for %d tickets; per ticket %s; chat.update calls %d%n", slack.postsFor(CHANNEL),
          TICKETS, postsPerTicket.values(), slack.calls("chat.update").size());
      assertThat(slack.postsFor(CHANNEL)).isEqualTo(TICKETS);
      assertThat(postsPerTicket).hasSize(TICKETS).allSatisfy((id, posts) -> assertThat(posts).as(id).isEqualTo(1));
      assertThat(claimedShown(slack)).isEqualTo(TICKETS / 2);

      for (int i = 0; i < TICKETS; i += 4) { // the claims made on B
        String claimed = ids.get(i);
        Await.until(Duration.ofSeconds(10), () -> live.stream().anyMatch(l -> l.startsWith("data: ")
            && l.contains("\"threadId\":\"" + claimed + "\"") && l.contains("\"type\":\"claimed\"")),
            "A's dashboard told of the claim of " + claimed + " on B");
      }

      // both instances' queues (A's in memory, following the outbox) agree with the database
      for (Claimdesk instance : List.of(a, b)) {
        Await.until(Duration.ofSeconds(5), () -> unassigned(instance.port(), token) == TICKETS / 2,
            "the unassigned queue on port " + instance.port());
      }
    }
  }

  private static int claimedShown(FakeSlackApi slack) {
    return (int) slack.messages(CHANNEL).stream().filter(m -> m.blocksJson().contains("Claimed by")).count();
  }

  private int unassigned(int port, String token) {
    try {
      return JSON.readTree(send(port, "GET", "/api/emails/tickets/unassigned", token, null).body())
          .path("tickets").size();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> env(FakeSlackApi slack, Map<String, String> own) throws IOException {
    Map<String, String> env = new HashMap<>(own);
    env.put("PORT", Integer.toString(FreePorts.next()));
    env.put("INGEST_TOKEN", INGEST);
    env.put("SUPPORT_ADDRESS", "support@example.com");
    env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
    env.put("SLACK_SIGNING_SECRET", "slack-signing-secret-for-tests");
    env.put("SLACK_CHANNEL_ID", CHANNEL);
    env.put("SLACK_API_URL", slack.apiUrl());
    return env;
  }

  private String ingest(int port, int n) throws Exception {
    String mail = "From: Customer " + n + " <c" + n + "@example.org>\r\nTo: support@example.com\r\nSubject: Ticket "
        + n + "\r\nMessage-ID: <several-" + n + "@example.org>\r\n\r\nHello " + n + "\r\n";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(port, "/api/ingest/raw"))
        .header("Authorization", "Bearer " + INGEST).header("Content-Type", "message/rfc822")
        .POST(HttpRequest.BodyPublishers.ofString(mail)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    return body.path("threadId").asText();
  }

  private HttpResponse<String> send(int port, String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return ApiCalls.send(http, port, method, path, token, json);
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
