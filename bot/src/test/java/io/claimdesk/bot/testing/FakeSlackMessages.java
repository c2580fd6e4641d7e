package io.claimdesk.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state behind {@link FakeSlackApi}: channels and their messages, users, views, and the Web API method
 * implementations answering JSON the way Slack does. Package-private; all access goes through the fake.
 */
final class FakeSlackMessages {

  static final String TEAM_ID = "T0001";
  static final String BOT_ID = "B0001";
  static final String BOT_USER_ID = "UBOT";

  /** Aborts a method with Slack's {@code {"ok":false,"error":...}} answer (still HTTP 200, like Slack). */
  private static final class Failure extends RuntimeException {
    final String error;

    Failure(String error) {
      super(error, null, false, false);
      this.error = error;
    }
  }

  private static final class Stored {
    final String channel;
    final String ts;
    final long micros;
    String text;
    String blocksJson;
    String metadataJson;

    Stored(String channel, String ts, long micros) {
      this.channel = channel;
      this.ts = ts;
      this.micros = micros;
    }

    FakeSlackApi.Message snapshot() {
      return new FakeSlackApi.Message(channel, ts, text, blocksJson, metadataJson);
    }
  }

  private record User(String id, String email, String realName) {
  }

  private final Object lock = new Object();
  private final Map<String, List<Stored>> byChannel = new HashMap<>(); // guarded by lock
  private long lastMicros; // guarded by lock
  private final Set<String> unknownChannels = ConcurrentHashMap.newKeySet();
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, String> homeViewIds = new ConcurrentHashMap<>();
  private final AtomicLong viewSeq = new AtomicLong();

  void unknownChannel(String channel) {
    unknownChannels.add(channel);
  }

  void addUser(String userId, String email, String realName) {
    users.put(userId, new User(userId, email, realName));
  }

  List<FakeSlackApi.Message> messages(String channel) {
    synchronized (lock) {
      return byChannel.getOrDefault(channel, List.of()).stream().map(Stored::snapshot).toList();
    }
  }

  /** Answers one Web API call; never throws for bad input (answers {@code ok:false} instead). */
  JsonObject handle(String method, Map<String, String> p) {
    try {
      JsonObject out = switch (method) {
        case "auth.test" -> authTest();
        case "chat.postMessage" -> postMessage(p);
        case "chat.update" -> update(p);
        case "chat.postEphemeral" -> postEphemeral(p);
        case "views.open", "views.update", "views.publish" -> view(method, p);
        case "users.info" -> usersInfo(p);
        case "conversations.history" -> history(p);
        case "conversations.open" -> openDm(p);
        default -> throw new Failure("unknown_method");
      };
      out.addProperty("ok", true);
      return out;
    } catch (Failure f) {
      JsonObject err = new JsonObject();
      err.addProperty("ok", false);
      err.addProperty("error", f.error);
      return err;
    }
  }

  private static JsonObject authTest() {
    JsonObject o = new JsonObject();
    o.addProperty("url", "https://example.slack.com/");
    o.addProperty("team", "Example");
    o.addProperty("user", "claimdesk");
    o.addProperty("team_id", TEAM_ID);
    o.addProperty("user_id", BOT_USER_ID);
    o.addProperty("bot_id", BOT_ID);
    return o;
  }

  private JsonObject postMessage(Map<String, String> p) {
    String channel = knownChannel(p);
    if (p.get("text") == null && p.get("blocks") == null && p.get("attachments") == null) {
      throw new Failure("no_text");
    }
    parseJson(p, "blocks");
    parseJson(p, "metadata");
    Stored m;
    synchronized (lock) {
      long micros = nextMicros();
      m = new Stored(channel, formatTs(micros), micros);
      m.text = p.get("text");
      m.blocksJson = p.get("blocks");
      m.metadataJson = p.get("metadata");
      byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(m);
    }
    JsonObject o = new JsonObject();
    o.addProperty("channel", channel);
    o.addProperty("ts", m.ts);
    o.add("message", toJson(m.snapshot(), true));
    return o;
  }

  private JsonObject update(Map<String, String> p) {
    String channel = knownChannel(p);
    String ts = p.get("ts");
    parseJson(p, "blocks");
    parseJson(p, "metadata");
    FakeSlackApi.Message now;
    synchronized (lock) {
      Stored m = byChannel.getOrDefault(channel, List.of()).stream()
          .filter(s -> s.ts.equals(ts)).findFirst()
          .orElseThrow(() -> new Failure("message_not_found"));
      if (p.containsKey("text")) {
        m.text = p.get("text");
      }
      if (p.containsKey("blocks")) {
        m.blocksJson = p.get("blocks");
      }
      if (p.containsKey("metadata")) {
        m.metadataJson = p.get("metadata");
      }
      now = m.snapshot();
    }
    JsonObject o = new JsonObject();
    o.addProperty("channel", channel);
    o.addProperty("ts", ts);
    o.addProperty("text", now.text());
    o.add("message", toJson(now, true));
    return o;
  }

  private JsonObject postEphemeral(Map<String, String> p) {
    knownChannel(p);
    if (p.get("user") == null) {
      throw new Failure("user_not_in_channel");
    }
    parseJson(p, "blocks");
    JsonObject o = new JsonObject();
    synchronized (lock) {
      o.addProperty("message_ts", formatTs(nextMicros()));
    }
    return o;
  }

  private JsonObject view(String method, Map<String, String> p) {
    JsonElement parsed = parseJson(p, "view");
    if (parsed == null || !parsed.isJsonObject()) {
      throw new Failure("invalid_arguments");
    }
    JsonObject view = parsed.getAsJsonObject().deepCopy();
    String id = switch (method) {
      case "views.open" -> {
        if (p.get("trigger_id") == null) {
          throw new Failure("invalid_trigger_id");
        }
        yield newViewId();
      }
      case "views.publish" -> {
        String user = p.get("user_id");
        if (user == null) {
          throw new Failure("invalid_arguments");
        }
        yield homeViewIds.computeIfAbsent(user, u -> newViewId());
      }
      default -> {
        String viewId = p.get("view_id");
        if (viewId == null && p.get("external_id") == null) {
          throw new Failure("not_found");
        }
        yield viewId != null ? viewId : "V-" + p.get("external_id");
      }
    };
    view.addProperty("id", id);
    view.addProperty("team_id", TEAM_ID);
    view.addProperty("hash", "h1");
    JsonObject o = new JsonObject();
    o.add("view", view);
    return o;
  }

  /** The direct message channel with one user: {@code D} + the user id, the same every time, as in Slack. */
  private static JsonObject openDm(Map<String, String> p) {
    String users = p.get("users");
    if (users == null || users.isBlank() || users.contains(",")) {
      throw new Failure(users == null || users.isBlank() ? "users_list_not_supplied" : "not_supported_in_fake");
    }
    JsonObject channel = new JsonObject();
    channel.addProperty("id", FakeSlackApi.dmChannel(users.strip()));
    channel.addProperty("is_im", true);
    JsonObject out = new JsonObject();
    out.add("channel", channel);
    return out;
  }

  private JsonObject usersInfo(Map<String, String> p) {
    User u = p.get("user") == null ? null : users.get(p.get("user"));
    if (u == null) {
      throw new Failure("user_not_found");
    }
    String name = u.email() == null ? u.id().toLowerCase(Locale.ROOT) : u.email().replaceAll("@.*$", "");
    JsonObject profile = new JsonObject();
    profile.addProperty("email", u.email());
    profile.addProperty("real_name", u.realName());
    profile.addProperty("display_name", u.realName());
    JsonObject user = new JsonObject();
    user.addProperty("id", u.id());
    user.addProperty("team_id", TEAM_ID);
    user.addProperty("name", name);
    user.addProperty("real_name", u.realName());
    user.add("profile", profile);
    JsonObject o = new JsonObject();
    o.add("user", user);
    return o;
  }

  private JsonObject history(Map<String, String> p) {
    String channel = knownChannel(p);
    long oldest = p.get("oldest") == null ? Long.MIN_VALUE : micros(p.get("oldest"), "invalid_ts_oldest");
    long latest = p.get("latest") == null ? Long.MAX_VALUE : micros(p.get("latest"), "invalid_ts_latest");
    int limit = limit(p.get("limit"));
    boolean withMetadata = isTrue(p.get("include_all_metadata"));
    List<FakeSlackApi.Message> matching = new ArrayList<>();
    synchronized (lock) {
      for (Stored s : byChannel.getOrDefault(channel, List.of())) {
        if (s.micros >= oldest && s.micros <= latest) {
          matching.add(0, s.snapshot()); // newest first
        }
      }
    }
    JsonArray messages = new JsonArray();
    matching.stream().limit(limit).forEach(m -> messages.add(toJson(m, withMetadata)));
    JsonObject o = new JsonObject();
    o.add("messages", messages);
    o.addProperty("has_more", messages.size() < matching.size());
    return o;
  }

  /** The SDK sends booleans as {@code 1}/{@code 0}; other clients send {@code true}/{@code false}. */
  private static boolean isTrue(String raw) {
    return "1".equals(raw) || "true".equalsIgnoreCase(raw);
  }

  private static int limit(String raw) {
    try {
      int limit = raw == null ? 100 : Integer.parseInt(raw.trim());
      return limit <= 0 ? 100 : Math.min(limit, 1000);
    } catch (NumberFormatException e) {
      throw new Failure("invalid_limit");
    }
  }

  private String knownChannel(Map<String, String> p) {
    String channel = p.get("channel");
    if (channel == null || channel.isBlank() || unknownChannels.contains(channel)) {
      throw new Failure("channel_not_found");
    }
    return channel;
  }

  private static JsonElement parseJson(Map<String, String> p, String field) {
    String raw = p.get(field);
    if (raw == null) {
      return null;
    }
    try {
      return JsonParser.parseString(raw);
    } catch (JsonParseException e) {
      throw new Failure("invalid_" + field);
    }
  }

  private static JsonObject toJson(FakeSlackApi.Message m, boolean withMetadata) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "message");
    o.addProperty("user", BOT_USER_ID);
    o.addProperty("bot_id", BOT_ID);
    o.addProperty("text", m.text() == null ? "" : m.text());
    o.addProperty("ts", m.ts());
    if (m.blocksJson() != null) {
      o.add("blocks", JsonParser.parseString(m.blocksJson()));
    }
    if (withMetadata && m.metadataJson() != null) {
      o.add("metadata", JsonParser.parseString(m.metadataJson()));
    }
    return o;
  }

  private String newViewId() {
    return String.format("V%08d", viewSeq.incrementAndGet());
  }

  /** Next message timestamp in microseconds: wall clock, but strictly increasing. Caller holds the lock. */
  private long nextMicros() {
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    lastMicros = Math.max(lastMicros + 1, micros);
    return lastMicros;
  }

  static String formatTs(long micros) {
    return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
  }

  private static long micros(String ts, String error) {
    try {
      return new BigDecimal(ts.trim()).movePointRight(6).longValue();
    } catch (NumberFormatException e) {
      throw new Failure(error);
    }
  }
}
