package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assignment policy wired into a running claimdesk: mail that arrives is handed out by the relay's trigger,
 * a member coming online gets the waiting ticket from the leased one-second sweep, and offers work over the API.
 */
class AssignmentAppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST_TOKEN = "ingest-token-for-assignment";
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private int mails;

  @Test
  void newMailShouldBeHandedOutAndTheQueueFollowMembersComingOnline(@TempDir Path dataDir) throws Exception {
    int freePort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    AppConfig config = AppConfig.fromEnv(Map.of("PORT", Integer.toString(freePort), "DATA_DIR", dataDir.toString(),
        "INGEST_TOKEN", INGEST_TOKEN, "ADMIN_EMAIL", "admin@example.com", "ADMIN_PASSWORD", "admin-password-1"));
    try (Claimdesk claimdesk = Claimdesk.start(config, 4)) {
      port = claimdesk.port();
      String admin = token("admin@example.com", "admin-password-1");
      for (String name : List.of("ana", "bo")) {
        assertThat(send("POST", "/api/team", admin, "{\"name\":\"" + name + "\",\"email\":\"" + name
            + "@example.com\",\"password\":\"password-of-" + name + "\"}").statusCode()).isEqualTo(201);
      }
      String ana = token("ana@example.com", "password-of-ana");
      String bo = token("bo@example.com", "password-of-bo");
      send("PUT", "/api/team/me/availability", admin, "{\"availability\":\"away\"}");
      send("PUT", "/api/team/me/availability", bo, "{\"availability\":\"away\"}");
      assertThat(send("PUT", "/api/settings/assignment", admin, "{\"mode\":\"round_robin\"}").statusCode())
          .isEqualTo(200);

      List<String> owners = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = ingest();
        owners.add(await(admin, id, t -> !t.path("assignedTo").isNull()).path("assignedToEmail").asText());
      }
      assertThat(owners).containsExactly("ana@example.com", "ana@example.com", "ana@example.com");

      send("PUT", "/api/team/me/availability", ana, "{\"availability\":\"away\"}");
      String waiting = ingest();
      JsonNode before = ticket(admin, waiting);
      send("PUT", "/api/team/me/availability", bo, "{\"availability\":\"online\"}");
      JsonNode after = await(admin, waiting, t -> !t.path("assignedTo").isNull());
      assertThat(before.path("assignedTo").isNull()).isTrue();
      assertThat(after.path("assignedToEmail").asText()).isEqualTo("bo@example.com");
      assertThat(claimdesk.leasesHeld()).containsEntry("assignment", true);

      // offers: Bo is the only one online, is offered the next ticket, and accepts it
      send("PUT", "/api/settings/assignment", admin, "{\"offer\":true,\"offerTimeoutSeconds\":300}");
      String offered = ingest();
      JsonNode offers = awaitOffers(bo);
      String offerId = offers.path(0).path("id").asText();
      assertThat(offers.path(0).path("threadId").asText()).isEqualTo(offered);
      assertThat(send("POST", "/api/offers/" + offerId + "/accept", ana, "").statusCode()).isEqualTo(403);
      assertThat(send("POST", "/api/offers/" + offerId + "/accept", bo, "").statusCode()).isEqualTo(200);
      assertThat(ticket(admin, offered).path("assignedToEmail").asText()).isEqualTo("bo@example.com");

      String csv = send("GET", "/api/assignment-events?format=csv", admin, null).body();
      System.out.println("assignment events of the running app:\n" + csv);
      assertThat(csv.lines().filter(l -> l.contains(",assigned,")).count()).isEqualTo(4);
      assertThat(csv.lines().filter(l -> l.contains(",offered,")).count()).isEqualTo(1);
      assertThat(csv.lines().filter(l -> l.contains(",accepted,")).count()).isEqualTo(1);
    }
  }

  private String ingest() throws Exception {
    mails++;
    String mail = "From: Carla <carla@example.org>\r\nTo: support@example.com\r\nSubject: help " + mails
        + "\r\nMessage-ID: <assign-" + mails + "@example.org>\r\n\r\nHello\r\n";
    return ApiCalls.ingest(http, port, INGEST_TOKEN, mail);
  }

  private JsonNode ticket(String token, String id) throws Exception {
    return JSON.readTree(send("GET", "/api/emails/tickets/" + id, token, null).body());
  }

  /** The ticket once {@code done} holds, within 10 s (the trigger runs after the relay; the sweep every second). */
  private JsonNode await(String token, String id, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode t;
    do {
      t = ticket(token, id);
      if (done.test(t)) {
        return t;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("ticket " + id + " did not get there: " + t);
  }

  private JsonNode awaitOffers(String token) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      JsonNode offers = JSON.readTree(send("GET", "/api/offers/mine", token, null).body()).path("offers");
      if (offers.size() > 0) {
        return offers;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no offer arrived");
  }

  private String token(String email, String password) throws Exception {
    return ApiCalls.token(http, port, email, password);
  }

  private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    return ApiCalls.send(http, port, method, path, token, json);
  }
}
