package io.claimdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mongo.MongoStores;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.http.Json;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The API on a real port over the embedded database, with a few members and their tokens. Replies go to a
 * recording sender; everything else is the production code.
 */
final class ApiFixture implements AutoCloseable {
  final TestDatabase db = TestDatabase.embedded();
  final MongoStores stores = MongoStores.open(db.database(), Clock.systemUTC());
  final TeamService team = new TeamService(stores.team(), new Secrets(4), Clock.systemUTC());
  final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
      Duration.ofMinutes(1)).start();
  final ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
  final RecordingReplySender sender = new RecordingReplySender();
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  ApiFixture() {
    ReplyService replies =
        new ReplyService(claims, stores.tickets(), relay, sender, stores.messageIds(), Clock.systemUTC());
    app = WebServer.create(WebDependencies.of(stores, stores.tickets(), claims, replies, team, Clock.systemUTC(),
        false), config -> { });
    app.start("127.0.0.1", 0);
  }

  /** A member with a password and a fresh API token. */
  Member member(String name, Role role) {
    TeamMember m = team.create(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null),
        "password-of-" + name).orElseThrow();
    return new Member(m, team.issueToken(m));
  }

  EmailThread ticket(String subject, Instant receivedAt) {
    return stores.tickets().insert(new NewThread("support@example.com", subject, "customer@example.org",
        "Customer", TicketStatus.OPEN, receivedAt));
  }

  Response post(String path, String token, String json) {
    HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    return send(request.build());
  }

  Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the events of every change so far are in the assignment history and the outbox. */
  void settle() {
    try {
      if (!relay.awaitIdle(Duration.ofSeconds(10))) {
        throw new AssertionError("event relay did not catch up within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String threadBody(String threadId) {
    return "{\"threadId\":\"" + threadId + "\"}";
  }

  @Override
  public void close() {
    app.stop();
    relay.close();
    db.close();
  }

  record Member(TeamMember member, String token) {
    String id() {
      return member.id();
    }

    String email() {
      return member.email();
    }
  }

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String error() {
      return json().path("error").asText(null);
    }
  }
}
