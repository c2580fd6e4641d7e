package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar while 16 clients (a manager's token) claim and unclaim through it: /readyz turns 503 while it still
 * answers, every acknowledged claim and unclaim is in the ticket's history after a restart, and the process exits 0.
 * It logs JSON lines (LOG_FORMAT=json) throughout.
 */
class GracefulShutdownIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 16;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void sigtermShouldDrainFinishInFlightClaimsAndExitZero(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    Process process = start(dataDir, port);
    List<String> tickets;
    ConcurrentHashMap<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
    ConcurrentHashMap<String, Long> earlier = new ConcurrentHashMap<>();
    List<Integer> readyAfterTerm = new CopyOnWriteArrayList<>();
    int exit;
    try {
      awaitReady(port, process);
      String token = token(port);
      tickets = new ArrayList<>();
      for (JsonNode ticket : get(port, "/api/emails/tickets?limit=200", token).path("tickets")) {
        if (tickets.size() < CLIENTS && !ticket.path("status").asText().equals("resolved")) {
          String id = ticket.path("_id").asText();
          if (!ticket.path("assignedTo").isNull()) { // a manager takes it back to the queue first
            assertThat(post(port, "/api/emails/unclaim", token, "{\"threadId\":\"" + id + "\"}").statusCode())
                .isEqualTo(200);
          }
          tickets.add(id);
          acknowledged.put(id, new AtomicInteger());
        }
      }
      assertThat(tickets).hasSize(CLIENTS);
      for (String ticket : tickets) {
        // the demo's claims and the unclaims above
        earlier.put(ticket, ClaimingClients.ownerChanges(http, port, token, ticket));
      }
      ClaimingClients clients = new ClaimingClients(port, token, tickets);
      Thread.sleep(1_500);
      int before = clients.total();
      process.destroy(); // SIGTERM
      Instant termAt = Instant.now();
      while (process.isAlive() && Duration.between(termAt, Instant.now()).toMillis() < 1_500) {
        readyAfterTerm.add(status(port, "/readyz"));
        Thread.sleep(50);
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
      exit = process.exitValue();
      clients.close();
      for (String ticket : tickets) {
        acknowledged.put(ticket, new AtomicInteger(clients.acknowledged(ticket)));
      }
      System.out.printf("SIGTERM after %d acknowledged changes (%d in all); /readyz after it: %s; exit %d%n",
          before, clients.total(), readyAfterTerm, exit);
      assertThat(before).as("changes acknowledged before the SIGTERM").isGreaterThan(CLIENTS);
    } finally {
      process.destroyForcibly();
    }

    assertThat(exit).isZero();
    // the first probe may beat the signal's handling; from the first 503 on, never 200 again
    assertThat(readyAfterTerm).as("/readyz after SIGTERM").contains(503);
    assertThat(readyAfterTerm.subList(readyAfterTerm.indexOf(503), readyAfterTerm.size())).doesNotContain(200);
    for (String line : Files.readAllLines(dataDir.resolve("claimdesk.log"))) {
      JsonNode entry = JSON.readTree(line);
      assertThat(entry.path("level").asText()).as(line).isNotEmpty();
      assertThat(entry.has("formattedMessage")).as(line).isTrue();
    }
    assertThat(Files.readString(dataDir.resolve("claimdesk.log"))).contains("\"formattedMessage\":\"stopped\"");
    // one line per ticket change, with the ticket, the member and via as fields of their own
    JsonNode claimLine = null;
    for (String line : Files.readAllLines(dataDir.resolve("claimdesk.log"))) {
      JsonNode entry = JSON.readTree(line);
      if (entry.path("formattedMessage").asText().startsWith("claimed ticket=" + tickets.get(0))) {
        claimLine = entry;
      }
    }
    assertThat(claimLine).as("a log line for a claim of " + tickets.get(0)).isNotNull();
    assertThat(claimLine.path("mdc").path("ticket").asText()).isEqualTo(tickets.get(0));
    assertThat(claimLine.path("mdc").path("via").asText()).isEqualTo("api");
    assertThat(claimLine.path("mdc").path("member").asText()).matches("[0-9a-f]{24}");

    Process again = start(dataDir, port);
    try {
      awaitReady(port, again);
      String token = token(port);
      for (String ticket : tickets) {
        long changes = ClaimingClients.ownerChanges(http, port, token, ticket) - earlier.get(ticket);
        // each acknowledged change is kept; one more may have been applied as the connection closed unanswered
        assertThat(changes).as(ticket).isBetween((long) acknowledged.get(ticket).get(),
            acknowledged.get(ticket).get() + 1L);
      }
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Process start(Path dataDir, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("claimdesk.jar"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("claimdesk.log").toFile()));
    builder.environment().put("DEMO", "true");
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("DATA_DIR", dataDir.resolve("data").toString());
    builder.environment().put("LOG_FORMAT", "json");
    builder.environment().remove("MONGODB_URI");
    return builder.start();
  }

  private void awaitReady(int port, Process process) throws Exception {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0) {
      assertThat(process.isAlive()).as("claimdesk process alive").isTrue();
      if (status(port, "/readyz") == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("claimdesk was not ready within 60 s");
  }

  /** The status of a GET, or -1 when nothing answers. */
  private int status(int port, String path) throws InterruptedException {
    try {
      return http.send(request(port, path, null).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListening) {
      return -1;
    }
  }

  private String token(int port) throws Exception {
    HttpResponse<String> response = post(port, "/api/auth/token", null,
        "{\"email\":\"mia@example.com\",\"password\":\"" + DemoData.PASSWORD + "\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("token").asText();
  }

  private HttpResponse<String> post(int port, String path, String token, String json)
      throws IOException, InterruptedException {
    return http.send(request(port, path, token).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(int port, String path, String token) throws Exception {
    HttpResponse<String> response = http.send(request(port, path, token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
