package io.claimdesk.bot.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Slack's Web API on a loopback HTTP server, for the official Slack SDK pointed at {@link #apiUrl()} via
 * {@code SlackConfig#setMethodsEndpointUrlPrefix}. Implements auth.test, chat.postMessage/update/postEphemeral,
 * views.open/update/publish, users.info, conversations.history and conversations.open (a direct message channel
 * {@link #dmChannel}), plus {@code POST /response/<id>} as a
 * {@code response_url}; records every call and can inject faults.
 *
 * <p>How the SDK ({@code MethodsClient}, 1.47) reacts to injected faults: any non-2xx answer (429 from
 * {@link #rateLimitOnce}/{@link #limitPerMinute}, or the {@link #failAll} status) makes the call throw
 * {@code com.slack.api.methods.SlackApiException}; read the status with {@code e.getResponse().code()}, the
 * Retry-After seconds with {@code e.getResponse().header("Retry-After")}, and for 429 {@code e.getError().getError()}
 * is {@code "ratelimited"} ({@code e.getError()} is null for a failAll answer, whose body is plain text). The SDK
 * does not retry by itself. Slack-level errors ({@code channel_not_found}, ...) come back as HTTP 200 and so as a
 * normal response with {@code isOk() == false}, not an exception.
 *
 * <p>Note: with {@code SlackConfig#isStatsEnabled()} (the default) the SDK calls {@code auth.test} once per token
 * before its first other call, so that call shows up in {@link #calls()}; {@link #failAll} spares auth.test.
 */
public final class FakeSlackApi implements AutoCloseable {

  /**
   * One recorded HTTP call; {@code method} is the Web API method name or {@code response_url}. Note the SDK sends
   * booleans as {@code "1"}/{@code "0"} and JSON arguments (blocks, view, metadata) as JSON strings.
   */
  public record Call(String method, Map<String, String> params, String body, Map<String, String> headers,
             Instant at, int status) {
  }

  /** Current content of a posted message; JSON fields are the raw strings the client sent (or null). */
  public record Message(String channel, String ts, String text, String blocksJson, String metadataJson) {
  }

  private record Reply(int status, String contentType, String body, String retryAfter) {
  }

  private record Outage(int status, Instant until) {
  }

  private static final String JSON = "application/json; charset=utf-8";
  private static final Duration WINDOW = Duration.ofSeconds(60);

  private final HttpServer server;
  private final ExecutorService executor;
  private final FakeSlackMessages state = new FakeSlackMessages();
  private final List<Call> calls = new ArrayList<>(); // guarded by itself
  private final Map<String, Integer> rateLimitOnce = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final Map<String, Integer> perMinuteLimits = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> windows = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
  private volatile Outage outage;
  private volatile Duration delay = Duration.ZERO;

  private FakeSlackApi() throws IOException {
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "fake-slack-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(executor);
    server.createContext("/api/", ex -> serve(ex, ex.getRequestURI().getPath().substring("/api/".length())));
    server.createContext("/response/", ex -> serve(ex, null));
    server.start();
  }

  /** Starts a fake on 127.0.0.1 and a free port. */
  public static FakeSlackApi start() {
    try {
      return new FakeSlackApi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Web API prefix for {@code SlackConfig#setMethodsEndpointUrlPrefix}: {@code http://127.0.0.1:PORT/api/}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port() + "/api/";
  }

  /** A response_url served by this fake: {@code http://127.0.0.1:PORT/response/<id>}. */
  public String responseUrl(String id) {
    return "http://127.0.0.1:" + port() + "/response/" + id;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** All recorded calls, oldest first (a copy). */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Recorded calls of one method (e.g. {@code chat.postMessage} or {@code response_url}), oldest first. */
  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Forgets the recorded calls (messages, users and faults stay). */
  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }

  /** Makes every call of {@code method} answer {@code {"ok":false,"error":error}}, as Slack does for a missing scope. */
  public FakeSlackApi refuse(String method, String error) {
    refusals.put(method, error);
    return this;
  }

  /** Makes {@code channel} answer {@code channel_not_found}. */
  public FakeSlackApi unknownChannel(String channel) {
    state.unknownChannel(channel);
    return this;
  }

  /** Registers a user for users.info. */
  public FakeSlackApi addUser(String userId, String email, String realName) {
    state.addUser(userId, email, realName);
    return this;
  }

  /** For {@code duration} from now, every /api/ call but auth.test answers HTTP {@code status} (text body). */
  public void failAll(int status, Duration duration) {
    outage = new Outage(status, Instant.now().plus(duration));
  }

  /** Ends a {@link #failAll} outage now. */
  public void recover() {
    outage = null;
  }

  /** The next call of {@code method} answers 429 with {@code Retry-After: retryAfterSeconds}. */
  public void rateLimitOnce(String method, int retryAfterSeconds) {
    rateLimitOnce.put(method, retryAfterSeconds);
  }

  /** Admits at most {@code max} calls of {@code method} per sliding 60 s; the rest answer 429 + Retry-After. */
  public void limitPerMinute(String method, int max) {
    perMinuteLimits.put(method, max);
  }

  /** How many 429 answers {@code method} has received. */
  public int rateLimited(String method) {
    AtomicInteger n = rateLimited.get(method);
    return n == null ? 0 : n.get();
  }

  /** Sleeps {@code delay} before answering every /api/ call ({@link Duration#ZERO} to stop). */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Current content of the messages posted to {@code channel}, in post order. */
  public List<Message> messages(String channel) {
    return state.messages(channel);
  }

  /** The message {@code ts} of {@code channel}, if posted. */
  public Optional<Message> message(String channel, String ts) {
    return messages(channel).stream().filter(m -> m.ts().equals(ts)).findFirst();
  }

  /** The channel id conversations.open answers for a direct message with {@code userId}. */
  public static String dmChannel(String userId) {
    return "D" + userId;
  }

  /** Number of messages posted to {@code channel}. */
  public int postsFor(String channel) {
    return messages(channel).size();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange ex, String apiMethod) throws IOException {
    Instant at = Instant.now();
    Reply reply;
    String body = "";
    Map<String, String> headers = Map.of();
    Map<String, String> params = Map.of();
    try {
      try {
        body = readBody(ex.getRequestBody());
        headers = headers(ex);
        params = params(ex, body, headers.getOrDefault("content-type", ""));
        reply = apiMethod == null ? new Reply(200, "text/html", "ok", null) : answer(apiMethod, params, headers);
      } catch (RuntimeException | InterruptedException e) {
        reply = new Reply(500, "text/plain", "fake slack failed: " + e, null);
      }
      synchronized (calls) {
        calls.add(new Call(apiMethod == null ? "response_url" : apiMethod, params, body, headers, at,
            reply.status()));
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
      if (reply.retryAfter() != null) {
        ex.getResponseHeaders().set("Retry-After", reply.retryAfter());
      }
      ex.sendResponseHeaders(reply.status(), bytes.length);
      ex.getResponseBody().write(bytes);
    } finally {
      ex.close();
    }
  }

  private Reply answer(String method, Map<String, String> params, Map<String, String> headers)
      throws InterruptedException {
    Duration d = delay;
    if (!d.isZero() && !d.isNegative()) {
      Thread.sleep(d.toMillis());
    }
    Instant now = Instant.now();
    Outage o = outage;
    if (o != null && now.isBefore(o.until()) && !method.equals("auth.test")) {
      return new Reply(o.status(), "text/plain", "fake slack: forced HTTP " + o.status(), null);
    }
    String auth = headers.getOrDefault("authorization", "");
    if (!(auth.startsWith("Bearer ") && auth.length() > 7) && params.get("token") == null) {
      return new Reply(200, JSON, "{\"ok\":false,\"error\":\"not_authed\"}", null);
    }
    String refusal = refusals.get(method);
    if (refusal != null) {
      return new Reply(200, JSON, "{\"ok\":false,\"error\":\"" + refusal + "\"}", null);
    }
    Integer once = rateLimitOnce.remove(method);
    if (once != null) {
      return tooMany(method, once);
    }
    Integer max = perMinuteLimits.get(method);
    if (max != null) {
      Deque<Instant> window = windows.computeIfAbsent(method, m -> new ArrayDeque<>());
      synchronized (window) {
        while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
          window.removeFirst();
        }
        if (window.size() >= max) {
          long millis = Duration.between(now, window.peekFirst().plus(WINDOW)).toMillis();
          return tooMany(method, (int) Math.max(1, (millis + 999) / 1000));
        }
        window.addLast(now);
      }
    }
    return new Reply(200, JSON, state.handle(method, params).toString(), null);
  }

  private Reply tooMany(String method, int retryAfterSeconds) {
    rateLimited.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    return new Reply(429, JSON, "{\"ok\":false,\"error\":\"ratelimited\"}", Integer.toString(retryAfterSeconds));
  }

  private static String readBody(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> headers(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        out.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** Query string, then the body: JSON (top-level fields as strings) or form-encoded. */
  private static Map<String, String> params(HttpExchange ex, String body, String contentType) {
    Map<String, String> out = new LinkedHashMap<>();
    decodeForm(ex.getRequestURI().getRawQuery(), out);
    if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      JsonElement json = body.isBlank() ? new JsonObject() : JsonParser.parseString(body);
      if (json.isJsonObject()) {
        json.getAsJsonObject().entrySet().stream().filter(e -> !e.getValue().isJsonNull()).forEach(e ->
            out.put(e.getKey(), e.getValue().isJsonPrimitive()
                ? e.getValue().getAsString() : e.getValue().toString()));
      }
    } else {
      decodeForm(body, out);
    }
    return Collections.unmodifiableMap(out);
  }

  private static void decodeForm(String raw, Map<String, String> out) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
  }
}
