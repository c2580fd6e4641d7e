package io.claimdesk.bench;

import io.claimdesk.bench.AbuseScenario.Outcome;
import io.claimdesk.bench.AbuseScenario.Target;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probes on sign-in and on error answers: {@code guess}, {@code lockout}, {@code errors}. A second and third
 * client address are 127.0.0.2 and 127.0.0.3: Linux routes all of 127/8 to loopback, so binding the client socket
 * to them is enough for the server to see another address.
 */
final class AbuseLoginProbes {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final int GUESSES = 600;
  private static final int GUESSERS = 4;
  private static final long GUESS_SECONDS = 60;
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

  private AbuseLoginProbes() {}

  /** The login form's token and the cookie that goes with it, as a browser gets them from {@code GET /login}. */
  record LoginForm(String token, String cookie) {
    static LoginForm fetch(String source, int port) {
      RawHttp.Answer page = RawHttp.get(source, port, "/login", LIMIT);
      Matcher token = FORM_TOKEN.matcher(page.body());
      String setCookie = page.header("Set-Cookie");
      if (page.status() != 200 || !token.find() || setCookie == null) {
        throw new IllegalStateException("GET /login answered " + page.kind() + " without a form token and cookie");
      }
      return new LoginForm(token.group(1), setCookie.split(";", 2)[0]);
    }
  }

  /** 600 wrong passwords for the admin, then the right one from the same address and from another. */
  static Outcome guess(Target target) throws Exception {
    Tally wrong = new Tally();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + GUESS_SECONDS * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(GUESSERS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < GUESSERS; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < GUESSES && System.nanoTime() < deadline;
              i = next.getAndIncrement()) {
            wrong.add(token("127.0.0.1", target, "wrong-password-" + i));
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String password = target.credentials().adminPassword();
    RawHttp.Answer same = token("127.0.0.1", target, password);
    RawHttp.Answer other = token("127.0.0.2", target, password);
    return new Outcome(GUESSES + " wrong passwords for the admin to POST /api/auth/token from 127.0.0.1 ("
        + GUESSERS + " at a time, at most " + GUESS_SECONDS + " s), then the right one from 127.0.0.1 and from "
        + "127.0.0.2", String.format("wrong: %s in %.1f s%s; right from 127.0.0.1: %s; right from 127.0.0.2: %s",
        wrong.describe(false), seconds, wrong.total() < GUESSES ? " (time limit reached)" : "", worked(same),
        worked(other)));
  }

  /** 5 wrong passwords for the admin on the login form from 127.0.0.2, then the right one from 127.0.0.3. */
  static Outcome lockout(Target target) {
    Tally wrong = new Tally();
    for (int i = 0; i < 5; i++) {
      wrong.add(login("127.0.0.2", target, "wrong-password-" + i));
    }
    RawHttp.Answer right = login("127.0.0.3", target, target.credentials().adminPassword());
    String location = right.header("Location");
    String retry = right.header("Retry-After");
    return new Outcome("5 wrong passwords for the admin to POST /login from 127.0.0.2, then the right one from "
        + "127.0.0.3", "wrong: " + wrong.describe(false) + "; right from 127.0.0.3: " + right.kind()
        + (right.status() == 302 ? " to " + location + " (signed in)" : "")
        + (retry != null ? " (Retry-After " + retry + ")" : ""));
  }

  /** Malformed multipart, an 80-byte password at sign-in and for a new member: statuses and stack traces. */
  static Outcome errors(Target target) {
    int port = target.port();
    String broken = "--bench-broken\r\nContent-Disposition: form-data; name=\"token\"\r\nnot a header line\r\n"
        + "\u0000\u0001 and no blank line, no closing boundary";
    RawHttp.Answer multipart = RawHttp.exchange("127.0.0.1", port, "POST /api/ingest/mailgun HTTP/1.1\r\n"
        + "Content-Type: multipart/form-data; boundary=bench-broken\r\n",
        broken.getBytes(StandardCharsets.ISO_8859_1), LIMIT);
    String eighty = "p".repeat(80);
    RawHttp.Answer signIn = token("127.0.0.1", target, eighty);
    RawHttp.Answer admin = token("127.0.0.1", target, target.credentials().adminPassword());
    Matcher issued = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(admin.body());
    String member = "{\"name\":\"Eighty Bytes\",\"email\":\"eighty@example.com\",\"role\":\"agent\",\"password\":\""
        + eighty + "\"}";
    String team = issued.find() ? error(RawHttp.exchange("127.0.0.1", port, "POST /api/team HTTP/1.1\r\n"
        + "Content-Type: application/json\r\nAuthorization: Bearer " + issued.group(1) + "\r\n",
        member.getBytes(StandardCharsets.UTF_8), LIMIT)) : "not tried: no admin token (" + admin.kind() + ")";
    return new Outcome("malformed multipart to POST /api/ingest/mailgun; an 80-byte password to POST /api/auth/token "
        + "and to POST /api/team (admin token)", "mailgun: " + error(multipart) + "; auth/token: " + error(signIn)
        + "; team: " + team);
  }

  private static String error(RawHttp.Answer answer) {
    String body = answer.body();
    boolean trace = body.contains("at io.") || body.contains("Exception");
    String shown = body.strip().length() <= 100 ? body.strip() : body.strip().substring(0, 97) + "...";
    return answer.kind() + (trace ? " WITH a stack trace" : ", no stack trace")
        + (shown.isEmpty() ? "" : " `" + shown.replace("|", "\\|").replace("\n", " ") + "`");
  }

  private static String worked(RawHttp.Answer answer) {
    return answer.kind() + (answer.status() == 200 && answer.body().contains("\"token\"") ? " (token issued)" : "");
  }

  private static RawHttp.Answer token(String source, Target target, String password) {
    String json = "{\"email\":\"" + target.credentials().adminEmail() + "\",\"password\":\"" + password + "\"}";
    return RawHttp.exchange(source, target.port(), "POST /api/auth/token HTTP/1.1\r\nContent-Type: application/json"
        + "\r\n", json.getBytes(StandardCharsets.UTF_8), LIMIT);
  }

  private static RawHttp.Answer login(String source, Target target, String password) {
    LoginForm form = LoginForm.fetch(source, target.port());
    String body = "formToken=" + enc(form.token()) + "&next=%2F&email=" + enc(target.credentials().adminEmail())
        + "&password=" + enc(password);
    return RawHttp.exchange(source, target.port(), "POST /login HTTP/1.1\r\nContent-Type: "
        + "application/x-www-form-urlencoded\r\nCookie: " + form.cookie() + "\r\n",
        body.getBytes(StandardCharsets.UTF_8), LIMIT);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
