package io.claimdesk.web;

import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.auth.AuthController;
import io.claimdesk.web.auth.TokenController;
import io.claimdesk.web.health.HealthController;
import io.claimdesk.web.http.ApiErrors;
import io.claimdesk.web.http.BodyLimits;
import io.claimdesk.web.http.ServerLimits;
import io.claimdesk.web.http.Json;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.Favicon;
import io.claimdesk.web.team.PasswordController;
import io.claimdesk.web.team.QuarantineController;
import io.claimdesk.web.team.TeamController;
import io.claimdesk.web.team.MemberController;
import io.claimdesk.web.contact.ContactController;
import io.claimdesk.core.contact.ContactService;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.team.MemberAdmin;
import io.claimdesk.web.ticket.TicketController;
import io.claimdesk.web.savedreply.SavedReplyController;
import io.claimdesk.web.dashboard.DashboardRoutes;
import io.claimdesk.web.dashboard.LiveEvents;
import io.claimdesk.web.dashboard.ReplyUploads;
import io.javalin.config.SizeUnit;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.claimdesk.web.health.HttpMetrics;
import io.claimdesk.web.health.Metrics;
import java.util.Map;
import java.util.function.Consumer;

/** Builds the one Javalin server of claimdesk: dashboard pages, JSON API, health and metrics endpoints. */
public final class WebServer {
  /** Largest request body of the API and the dashboard's forms; bigger ones get 413 before they are buffered. */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;

  private WebServer() {}

  /**
   * A server with every route installed; {@code extra} lets the app add what other modules need. The live-update
   * stream starts and stops with the server.
   */
  public static Javalin create(WebDependencies deps, Consumer<JavalinConfig> extra) {
    return create(deps, BodyLimits.of(MAX_REQUEST_BYTES), extra);
  }

  /** As {@link #create(WebDependencies, Consumer)}, with the body limits of the routes other modules add. */
  public static Javalin create(WebDependencies deps, BodyLimits given, Consumer<JavalinConfig> extra) {
    BodyLimits limits = given.with(ReplyUploads.BODY_LIMITS);
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      ServerLimits.install(config, limits, deps.secureCookies());
      config.useVirtualThreads = false;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/static";
        files.location = Location.CLASSPATH;
      });
      HttpMetrics.install(config, deps.metrics().registry());
      // uploaded files go to temporary files past a few kilobytes, then stream from there to the attachment store
      config.jetty.multipartConfig.maxInMemoryFileSize(ReplyUploads.IN_MEMORY_KB, SizeUnit.KB);
      extra.accept(config);
    });
    WebSecurity security = new WebSecurity(deps.sessions(), deps.secureCookies());
    ApiErrors.install(app, limits, (ctx, title) -> security.signedIn(ctx)
        .map(s -> new Chrome(title, s.member(), s.session().csrfToken(), null, "error")).orElse(null));
    app.get("/favicon.ico", Favicon::serve);

    HealthController health = new HealthController(deps.databaseUp(), deps.readiness());
    app.get("/healthz", health::health);
    app.get("/readyz", health::ready);
    registerMetrics(deps);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(deps.metrics().render()));

    LiveEvents live = DashboardRoutes.install(app, deps, security);
    // started with the server, not before: a server that never starts (its port taken) fires no stopping event,
    // and a stream started already would poll the outbox for ever, its database closed under it
    app.events(events -> {
      events.serverStarted(() -> HttpMetrics.bindConnections(app.jettyServer().server(), deps.metrics().registry()));
      events.serverStarted(live::start);
      events.serverStopping(() -> {
        deps.readiness().stopping();
        live.close();
      });
    });

    app.before("/api/*", new ApiAuth(deps.team(), security));
    // after the handlers, when the API or the dashboard has resolved the member: a member who uses either is there
    LastSeen lastSeen = new LastSeen(deps.teamStore(), deps.clock());
    app.after(ctx -> ApiAuth.memberIfAny(ctx).or(() -> WebSecurity.resolved(ctx).map(s -> s.member()))
        .ifPresent(member -> lastSeen.seen(member.id())));
    AuthController auth = new AuthController(deps.signIn(), deps.trustedProxies(), deps.team());
    app.post("/api/auth/token", auth::issueToken);
    TokenController tokens = new TokenController(deps.team().tokens(), deps.teamStore());
    app.get("/api/auth/tokens", tokens::listOwn);
    app.delete("/api/auth/tokens/{id}", tokens::revokeOwn);

    TicketController tickets = new TicketController(deps.claims(), deps.replies(), deps.tickets(), deps.history());
    app.post("/api/emails/claim", tickets::claim);
    app.post("/api/emails/unclaim", tickets::unclaim);
    app.post("/api/emails/reassign", tickets::reassign);
    app.post("/api/emails/status", tickets::status);
    app.post("/api/emails/reply", tickets::reply);
    app.post("/api/emails/note", tickets::note);
    app.post("/api/emails/replies/{id}/retry", tickets::retryReply);
    app.post("/api/emails/replies/{id}/discard", tickets::discardReply);
    app.get("/api/emails/tickets", tickets::list);
    app.get("/api/emails/tickets/mine", tickets::mine);
    app.get("/api/emails/tickets/unassigned", tickets::unassigned);
    app.get("/api/emails/tickets/{id}", tickets::detail);

    QuarantineController quarantine = new QuarantineController(deps.quarantine());
    app.get("/api/admin/quarantine", quarantine::list);

    TeamController team = new TeamController(deps.team());
    app.get("/api/team", team::list);
    app.post("/api/team", team::create);
    PasswordController passwords = new PasswordController(deps.team(), deps.signIn(), deps.trustedProxies(),
        deps.sessions(), security);
    MemberController members = new MemberController(new MemberAdmin(deps.teamStore()), live::membersChanged);
    app.patch("/api/team/{id}", members::update);
    app.put("/api/team/me/availability", members::availabilityOwn); // before {id}: "me" is no member id
    app.put("/api/team/{id}/availability", members::availabilityOf);
    app.post("/api/team/me/password", passwords::changeOwn); // before {id}: "me" is no member id
    app.post("/api/team/{id}/password", passwords::reset);
    app.get("/api/team/{id}/tokens", tokens::listOfMember);
    app.delete("/api/team/{id}/tokens/{tokenId}", tokens::revokeOfMember);

    ContactController contacts = new ContactController(new ContactService(deps.contacts()));
    app.get("/api/contacts", contacts::list);
    app.post("/api/contacts", contacts::create);
    app.get("/api/contacts/{id}", contacts::show);
    app.patch("/api/contacts/{id}", contacts::update);
    SavedReplyController savedReplies = new SavedReplyController(deps.savedReplies());
    app.get("/api/saved-replies", savedReplies::list);
    app.post("/api/saved-replies", savedReplies::create);
    app.patch("/api/saved-replies/{id}", savedReplies::update);
    app.delete("/api/saved-replies/{id}", savedReplies::delete);
    return app;
  }

  private static void registerMetrics(WebDependencies deps) {
    Metrics metrics = deps.metrics();
    metrics.register("claimdesk_database_up", "1 when the database answers a ping, else 0", Metrics.Type.GAUGE,
        Map.of(), () -> deps.databaseUp().getAsBoolean() ? 1 : 0);
    metrics.register("claimdesk_outbox_events_total", "Ticket events appended to the event outbox",
        Metrics.Type.COUNTER, Map.of(), () -> deps.outbox().head());
  }
}
