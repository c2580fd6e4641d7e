package io.claimdesk.web;

import io.claimdesk.core.store.Stores;
import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.web.http.Json;
import io.claimdesk.web.http.TrustedProxies;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The API on a real port over the embedded database, with a few members and their tokens. Replies go to a
 * recording sender; everything else is the production code.
 */
final class ApiFixture implements AutoCloseable {
  final TestDatabase db = TestDatabase.embedded();
  final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  final TeamService team;
  /** The sign-in's clock: still unless a test moves it, so that delays after failures do not run out by themselves. */
  final MutableClock signInClock = new MutableClock(Instant.now());
  /** The API tokens' clock (creation, expiry, last use), in milliseconds as stored: still unless a test moves it. */
  final MutableClock tokenClock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  /** The bound on password checks running at once, to read how many ran. */
  final PasswordCheckGate gate;
  final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
      Duration.ofMinutes(1)).start();
  final ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
  final RecordingReplySender sender = new RecordingReplySender();
  final io.claimdesk.core.assignment.AssignmentService assignments =
      new io.claimdesk.core.assignment.AssignmentService(stores.tickets(), stores.team(), claims,
          MongoStores.assignment(db.database()), stores.assignments(), Clock.systemUTC());
  final Javalin app;
  /** The dashboard's cookies, spelled out here (not taken from the code) so that a renamed cookie fails the tests. */
  static final String SESSION_COOKIE = "claimdesk_session";
  static final String LOGIN_COOKIE = "claimdesk_login";

  final HttpClient http = HttpClient.newHttpClient();
  /** Like a browser without a cookie jar: redirects and cookies are the test's to follow and send. */
  final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  ApiFixture() {
    this(TrustedProxies.none(), 4, PasswordCheckGate.forThisMachine(), false);
  }

  /** {@code https}: as when the public URL is https (secure cookies, HSTS). */
  ApiFixture(boolean https) {
    this(TrustedProxies.none(), 4, PasswordCheckGate.forThisMachine(), https);
  }

  /** A server believing the forwarding headers of {@code proxies}, hashing with {@code bcryptCost}. */
  ApiFixture(TrustedProxies proxies, int bcryptCost, PasswordCheckGate gate) {
    this(proxies, bcryptCost, gate, false);
  }

  /** A server without a mail server: replies are off, as when SMTP_HOST is not set. */
  static ApiFixture withoutMailServer() {
    return new ApiFixture(TrustedProxies.none(), 4, PasswordCheckGate.forThisMachine(), false, false);
  }

  private ApiFixture(TrustedProxies proxies, int bcryptCost, PasswordCheckGate gate, boolean https) {
    this(proxies, bcryptCost, gate, https, true);
  }

  private ApiFixture(TrustedProxies proxies, int bcryptCost, PasswordCheckGate gate, boolean https,
      boolean mailServer) {
    this.team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(bcryptCost), tokenClock);
    this.gate = gate;
    SignInService signIn = new SignInService(stores.team(), team.secrets(),
        new LoginThrottle(stores.loginFailures(), signInClock), gate);
    ReplyService replies =
        new ReplyService(claims, stores.tickets(), relay, sender, stores.messageIds(), stores.pendingReplies(),
        Clock.systemUTC());
    WebDependencies deps = WebDependencies.of(stores, stores.tickets(), claims, mailServer ? replies : null, team,
        Clock.systemUTC(),
        https, proxies, signIn);
    app = WebServer.create(deps, config -> { });
    io.claimdesk.web.assignment.AssignmentRoutes.install(app, assignments, deps);
    app.start("127.0.0.1", 0);
  }

  /** A member with a password ({@link #password}) and a fresh API token. */
  Member member(String name, Role role) {
    TeamMember m = team.create(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null),
        password(name)).orElseThrow();
    return new Member(m, team.issueToken(m));
  }

  /** The password {@link #member} gives a member. */
  static String password(Member m) {
    return password(m.member().name());
  }

  private static String password(String name) {
    return "password-of-" + name;
  }

  /** A dashboard session of the member, signed in with its password. */
  WebSession login(Member m) {
    return login(m.email(), password(m));
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

  /** A request with a JSON body and any method (PATCH, PUT). */
  Response send(String method, String path, String token, String json) {
    return send(request(path, token).method(method, HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build());
  }

  Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  Response delete(String path, String token) {
    return send(request(path, token).DELETE().build());
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

  /** The login page, with the form token of its hidden field and of its cookie (the two must match). */
  LoginForm loginForm(String next) {
    WebResponse page = web(page(next == null ? "/login" : "/login?next=" + encode(next), null));
    if (page.status() != 200) {
      throw new AssertionError("GET /login answered " + page.status() + ": " + page.body());
    }
    Element field = page.document().selectFirst("input[name=formToken]");
    return new LoginForm(page.cookie(LOGIN_COOKIE), field == null ? null : field.attr("value"));
  }

  /**
   * Posts the login form with the form's cookie and any {@code extraCookies} ({@code name=value}); a null
   * {@code next} leaves the field out.
   */
  WebResponse submitLogin(LoginForm form, String email, String password, String next, String... extraCookies) {
    String[] cookies = new String[extraCookies.length + 1];
    cookies[0] = form.cookie() == null ? null : LOGIN_COOKIE + "=" + form.cookie();
    System.arraycopy(extraCookies, 0, cookies, 1, extraCookies.length);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("formToken", form.formToken());
    fields.put("email", email);
    fields.put("password", password);
    fields.put("next", next);
    return web(formRequest("/login", fields, cookies));
  }

  /** One sign-in attempt with a fresh form, as a browser would make it. */
  WebResponse attemptLogin(String email, String password) {
    return submitLogin(loginForm(null), email, password, null);
  }

  /** Signs in and returns the session cookie with the CSRF token its pages carry. */
  WebSession login(String email, String password) {
    WebResponse response = attemptLogin(email, password);
    String cookie = response.cookie(SESSION_COOKIE);
    if (response.status() != 302 || cookie == null || cookie.isEmpty()) {
      throw new AssertionError("login of " + email + " answered " + response.status() + ": " + response.body());
    }
    WebResponse home = web(page("/dashboard/tickets/unassigned", cookie));
    Element meta = home.document().selectFirst("meta[name=csrf-token]");
    if (home.status() != 200 || meta == null) {
      throw new AssertionError("no CSRF token on the dashboard after login: " + home.status() + " " + home.body());
    }
    return new WebSession(cookie, meta.attr("content"));
  }

  /** A GET with the session cookie (none when null). */
  HttpRequest page(String path, String sessionCookie) {
    return pageWithCookies(path, sessionCookie == null ? null : SESSION_COOKIE + "=" + sessionCookie);
  }

  /** A GET with these cookies ({@code name=value}; nulls are left out). */
  HttpRequest pageWithCookies(String path, String... cookies) {
    return withCookies(request(path, null), cookies).GET().build();
  }

  /** A form post ({@code application/x-www-form-urlencoded}) with the session cookie; null fields are left out. */
  HttpRequest form(String path, String sessionCookie, Map<String, String> fields) {
    return formRequest(path, fields, sessionCookie == null ? null
        : SESSION_COOKIE + "=" + sessionCookie);
  }

  private HttpRequest formRequest(String path, Map<String, String> fields, String... cookies) {
    String body = fields.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    return withCookies(request(path, null), cookies).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpRequest.Builder withCookies(HttpRequest.Builder builder, String... cookies) {
    String header = Arrays.stream(cookies).filter(Objects::nonNull).collect(Collectors.joining("; "));
    return header.isEmpty() ? builder : builder.header("Cookie", header);
  }

  /** Sends without following redirects, keeping the headers. */
  WebResponse web(HttpRequest request) {
    try {
      HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
      return new WebResponse(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
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

  /** The login form as served: the value of its cookie and of its hidden field. */
  record LoginForm(String cookie, String formToken) {}

  /** A signed-in browser: the session cookie's value and the CSRF token its pages carry. */
  record WebSession(String cookie, String csrf) {}

  /** A page or redirect with its headers. */
  record WebResponse(int status, String body, HttpHeaders headers) {
    String location() {
      return headers.firstValue("Location").orElse(null);
    }

    /** Every {@code Set-Cookie} header for the cookie, in order. */
    List<String> setCookies(String name) {
      return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
    }

    /** The value the response leaves the cookie with (the last one set; empty when cleared); null when not set. */
    String cookie(String name) {
      List<String> all = setCookies(name);
      if (all.isEmpty()) {
        return null;
      }
      String last = all.get(all.size() - 1);
      int end = last.indexOf(';');
      return last.substring(name.length() + 1, end < 0 ? last.length() : end);
    }

    Document document() {
      return Jsoup.parse(body);
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
