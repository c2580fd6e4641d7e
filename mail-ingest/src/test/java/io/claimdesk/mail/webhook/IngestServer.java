package io.claimdesk.mail.webhook;

import io.claimdesk.core.store.Stores;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.parse.MimeParser;
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

/** The app's HTTP server with the ingest webhooks, on a real port over the embedded database. */
final class IngestServer implements AutoCloseable {
  static final String TOKEN = "ingest-token-for-tests";
  final TestDatabase db = TestDatabase.embedded();
  final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
      Duration.ZERO).start();
  final IngestPipeline pipeline;
  final TeamService team;
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  /** What the test installs on the server. */
  interface Routes {
    void install(Javalin app, IngestPipeline pipeline, Stores stores);
  }

  IngestServer(Routes routes) {
    MailIngestService ingest = new MailIngestService(stores.tickets(), stores.messageIds(), stores.contacts(), relay,
        Clock.systemUTC());
    pipeline = new IngestPipeline(new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC()), ingest,
        stores.messageIds(), stores.attachments(), stores.quarantine(), "support@example.com");
    team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
    ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
    app = WebServer.create(WebDependencies.of(stores, stores.tickets(), claims, null, team, Clock.systemUTC(), false),
        BodyLimits.of(WebServer.MAX_REQUEST_BYTES).with(IngestRoutes.BODY_LIMITS), config -> { });
    routes.install(app, pipeline, stores);
    app.start("127.0.0.1", 0);
  }

  /** An API token of a new member with this role. */
  String token(String name, io.claimdesk.core.team.Role role) {
    return team.issueToken(team.create(new io.claimdesk.core.team.NewMember(name, name + "@example.com", role, null,
        null, null), null).orElseThrow());
  }

  HttpResponse<String> get(String path, String token) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .POST(body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
