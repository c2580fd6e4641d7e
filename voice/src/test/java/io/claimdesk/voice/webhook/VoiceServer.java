package io.claimdesk.voice.webhook;

import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.voice.CallNotes;
import io.claimdesk.core.voice.CallRecorder;
import io.claimdesk.core.voice.CallRouter;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.WebServer;
import io.claimdesk.web.http.BodyLimits;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The app's HTTP server with the voice routes, on a real port over the embedded database. Twilio signs for the
 * public URL, {@link #BASE_URL}, which a proxy would forward to this port.
 */
final class VoiceServer implements AutoCloseable {
  static final String AUTH_TOKEN = "twilio-auth-token-for-tests";
  static final String BASE_URL = "https://claimdesk.example.com";
  static final int RING_SECONDS = 20;
  final TestDatabase db = TestDatabase.embedded();
  final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
      Duration.ZERO).start();
  final ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
  final TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();
  private int sid;

  VoiceServer() {
    app = WebServer.create(WebDependencies.of(stores, stores.tickets(), claims, null, team, Clock.systemUTC(), false),
        BodyLimits.of(WebServer.MAX_REQUEST_BYTES).with(VoiceRoutes.BODY_LIMITS), config -> { });
    Clock clock = Clock.systemUTC();
    VoiceRoutes.install(app, new VoiceRoutes.Settings(AUTH_TOKEN, BASE_URL, RING_SECONDS),
        new CallRouter(stores.tickets(), stores.contacts(), stores.team(), stores.callLogs(), clock),
        new CallRecorder(stores.tickets(), stores.contacts(), stores.team(), stores.callLogs(), claims, relay,
            "support@example.com", clock),
        new CallNotes(stores.callLogs(), stores.contacts(), clock));
    app.start("127.0.0.1", 0);
  }

  /** A fresh CallSid-shaped id. */
  String nextSid(String prefix) {
    return String.format("%s%032x", prefix, ++sid);
  }

  TeamMember member(String name, Role role, Availability availability, VoiceMode voice, String phone) {
    TeamStore store = stores.team();
    TeamMember m = store.insert(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, phone),
        null).orElseThrow();
    store.update(m.id(), MemberUpdate.none().withVoice(voice));
    return store.setAvailability(m.id(), availability).orElseThrow();
  }

  TeamMember agent(String name) {
    return member(name, Role.AGENT, Availability.ONLINE, VoiceMode.CLIENT, null);
  }

  Contact contact(String name, String email, String phone) {
    return stores.contacts().insert(new Contact(null, name, email == null ? List.of() : List.of(email),
        List.of(phone), null));
  }

  EmailThread ticket(String subject, String email, Instant at) {
    return stores.tickets().insert(new NewThread("support@example.com", subject, email, null, TicketStatus.OPEN, at));
  }

  EmailThread ownedTicket(String subject, String email, TeamMember owner, Instant at) {
    EmailThread t = ticket(subject, email, at);
    claims.claim(t.id(), owner, io.claimdesk.core.claim.Via.API);
    return stores.tickets().find(t.id()).orElseThrow();
  }

  String token(TeamMember member) {
    return team.issueToken(member);
  }

  /** Posts a form signed for {@link #BASE_URL} + path. */
  HttpResponse<String> signedPost(String path, Map<String, String> form) {
    return post(path, form, TwilioSigner.sign(AUTH_TOKEN, BASE_URL + path, form));
  }

  HttpResponse<String> post(String path, Map<String, String> form, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(TwilioSigner.encode(form)));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return send(request.build());
  }

  HttpResponse<String> api(String method, String path, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Authorization", "Bearer " + token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
    relay.close();
    db.close();
  }
}
