package io.claimdesk.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@link FakeDiscord} holds (messages, interactions, commands, faults) and its answer to each REST call. */
public final class FakeDiscordState {
  private static final long DISCORD_EPOCH = 1_420_070_400_000L;
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Pattern MESSAGES = Pattern.compile("channels/(\\d+)/messages");
  private static final Pattern MESSAGE = Pattern.compile("channels/(\\d+)/messages/(\\d+)");
  private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern FOLLOWUP = Pattern.compile("webhooks/(\\d+)/([^/]+)");
  private static final Pattern ORIGINAL = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");
  private static final Pattern GUILD_COMMANDS = Pattern.compile("applications/(\\d+)/guilds/(\\d+)/commands");

  /**
   * An interaction's answer: the callback {@code type} and its {@code data}, when it came, and when the interaction
   * was dispatched (its gateway frame started to be written).
   */
  public record Callback(int type, JsonNode data, Instant at, Instant dispatchedAt) {
    /** True for an ephemeral message (flag 64). */
    public boolean ephemeral() {
      return (data.path("flags").asInt(0) & 64) != 0;
    }
  }

  /** A REST answer. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body.toString(), Map.of());
    }

    static Answer error(int status, String message, int code) {
      ObjectNode body = DiscordPayloads.JSON.createObjectNode().put("message", message).put("code", code);
      return new Answer(status, body.toString(), Map.of());
    }
  }

  private record Interaction(String token, String messageId, Instant at) {}

  private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
  private final Map<String, String> nonces = new HashMap<>();
  private final Map<String, String> dmChannels = new HashMap<>(); // user id → direct message channel id
  private final Map<String, Interaction> interactions = new HashMap<>();
  private final Map<String, String> byToken = new HashMap<>();
  private final Map<String, Callback> callbacks = new HashMap<>();
  private final Map<String, List<JsonNode>> followups = new HashMap<>();
  private ArrayNode guildCommands = DiscordPayloads.array();
  private int failStatus;
  private Instant failUntil = Instant.EPOCH;
  private int rateLimitNext;
  private double retryAfter;
  private int limit;
  private Duration window;
  private Instant windowStart = Instant.EPOCH;
  private int windowCount;
  private int rateLimited;

  /** A snowflake for now, as Discord makes them: milliseconds since its epoch, shifted, plus a sequence. */
  static long snowflake() {
    return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (SEQUENCE.incrementAndGet() & 0x3FFFFF);
  }

  /** The direct message channel opened with {@code userId}, if one was. */
  synchronized Optional<String> dmChannel(String userId) {
    return Optional.ofNullable(dmChannels.get(userId));
  }

  synchronized Answer answer(String method, String path, String query, JsonNode body, FakeDiscordGateway gateway) {
    Matcher m;
    if (method.equals("GET") && path.equals("users/@me")) {
      return Answer.ok(DiscordPayloads.botUser());
    }
    if (method.equals("GET") && (path.equals("gateway/bot") || path.equals("gateway"))) {
      ObjectNode answer = DiscordPayloads.JSON.createObjectNode().put("url", gatewayUrl(gateway)).put("shards", 1);
      answer.putObject("session_start_limit").put("total", 1000).put("remaining", 999)
          .put("reset_after", 86_400_000).put("max_concurrency", 1);
      return Answer.ok(answer);
    }
    if (method.equals("POST") && path.equals("users/@me/channels")) {
      String user = body.path("recipient_id").asText();
      ObjectNode channel = DiscordPayloads.JSON.createObjectNode();
      channel.put("id", dmChannels.computeIfAbsent(user, u -> String.valueOf(snowflake()))).put("type", 1)
          .putNull("last_message_id").put("flags", 0);
      channel.putArray("recipients").add(DiscordPayloads.user(user, "user-" + user, false));
      return Answer.ok(channel);
    }
    if (path.startsWith("channels/")) {
      Answer fault = fault();
      if (fault != null) {
        return fault;
      }
      Answer answer = messageRoute(method, path, query, body);
      return limit == 0 ? answer : new Answer(answer.status(), answer.body(), bucketHeaders(limit - windowCount));
    }
    if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
      return callback(m.group(1), m.group(2), body);
    }
    if ((m = ORIGINAL.matcher(path)).matches() && method.equals("PATCH")) {
      String interaction = byToken.get(m.group(2));
      Interaction known = interaction == null ? null : interactions.get(interaction);
      if (known != null && known.messageId() != null) {
        edit(known.messageId(), body);
        return Answer.ok(messages.get(known.messageId()));
      }
      return Answer.ok(DiscordPayloads.message(String.valueOf(snowflake()), (ObjectNode) body, now()));
    }
    if ((m = FOLLOWUP.matcher(path)).matches() && method.equals("POST")) {
      String interaction = byToken.get(m.group(2));
      if (interaction == null) {
        return Answer.error(404, "Unknown Webhook", 10015);
      }
      followups.computeIfAbsent(interaction, k -> new ArrayList<>()).add(body);
      return Answer.ok(DiscordPayloads.message(String.valueOf(snowflake()), (ObjectNode) body, now()));
    }
    if ((m = GUILD_COMMANDS.matcher(path)).matches() && method.equals("PUT")) {
      ArrayNode answer = DiscordPayloads.array();
      for (JsonNode command : body) {
        ObjectNode registered = ((ObjectNode) command).deepCopy();
        registered.put("id", String.valueOf(snowflake())).put("application_id", m.group(1))
            .put("guild_id", m.group(2)).put("version", "1").put("type", command.path("type").asInt(1));
        answer.add(registered);
      }
      guildCommands = answer;
      return Answer.ok(answer);
    }
    return Answer.error(404, "404: Not Found", 0);
  }

  private String gatewayUrl(FakeDiscordGateway gateway) {
    return gateway.url();
  }

  private Answer messageRoute(String method, String path, String query, JsonNode body) {
    Matcher m;
    if ((m = MESSAGES.matcher(path)).matches()) {
      if (method.equals("POST")) {
        String nonce = body.path("enforce_nonce").asBoolean(false) ? body.path("nonce").asText(null) : null;
        if (nonce != null && nonces.containsKey(nonce)) {
          return Answer.ok(messages.get(nonces.get(nonce)));
        }
        String id = String.valueOf(snowflake());
        ObjectNode created = DiscordPayloads.message(id, (ObjectNode) body, now());
        if (!m.group(1).equals(DiscordPayloads.CHANNEL_ID)) { // a direct message
          created.put("channel_id", m.group(1)).remove("guild_id");
        }
        messages.put(id, created);
        if (nonce != null) {
          nonces.put(nonce, id);
        }
        return Answer.ok(messages.get(id));
      }
      if (method.equals("GET")) {
        String channel = m.group(1);
        long after = param(query, "after");
        long max = param(query, "limit") == 0 ? 50 : param(query, "limit");
        ArrayNode list = DiscordPayloads.array();
        reversed(messages.values()).stream()
            .filter(msg -> msg.path("channel_id").asText().equals(channel))
            .filter(msg -> Long.parseLong(msg.get("id").asText()) > after).limit(max).forEach(list::add);
        return Answer.ok(list);
      }
    }
    if ((m = MESSAGE.matcher(path)).matches()) {
      ObjectNode message = messages.get(m.group(2));
      if (message == null) {
        return Answer.error(404, "Unknown Message", 10008);
      }
      if (method.equals("PATCH")) {
        edit(m.group(2), body);
      }
      return Answer.ok(messages.get(m.group(2)));
    }
    return Answer.error(404, "404: Not Found", 0);
  }

  private void edit(String id, JsonNode body) {
    ObjectNode message = messages.get(id);
    for (String field : List.of("content", "embeds", "components", "flags", "allowed_mentions")) {
      if (body != null && body.has(field)) {
        message.set(field, field.equals("embeds") ? DiscordPayloads.embeds(body.get(field))
            : body.get(field).deepCopy());
      }
    }
    message.put("edited_timestamp", now());
  }

  private Answer callback(String id, String token, JsonNode body) {
    Interaction interaction = interactions.get(id);
    if (interaction == null || !interaction.token().equals(token)) {
      return Answer.error(404, "Unknown interaction", 10062);
    }
    if (callbacks.containsKey(id)) {
      return Answer.error(400, "Interaction has already been acknowledged.", 40060);
    }
    int type = body.path("type").asInt();
    JsonNode data = body.path("data");
    callbacks.put(id, new Callback(type, data, Instant.now(), interaction.at()));
    if (type == 7 && interaction.messageId() != null) {
      edit(interaction.messageId(), data);
    }
    ObjectNode answer = DiscordPayloads.JSON.createObjectNode();
    answer.putObject("interaction").put("id", id).put("type", 3).put("response_message_loading", false)
        .put("response_message_ephemeral", (data.path("flags").asInt(0) & 64) != 0);
    answer.putObject("resource").put("type", type);
    return Answer.ok(answer);
  }

  private Answer fault() {
    Instant now = Instant.now();
    if (now.isBefore(failUntil)) {
      return Answer.error(failStatus, failStatus + ": Server Error", 0);
    }
    if (rateLimitNext > 0) {
      rateLimitNext--;
      return tooMany(retryAfter);
    }
    if (limit > 0) {
      if (!now.isBefore(windowStart.plus(window))) {
        windowStart = now;
        windowCount = 0;
      }
      if (windowCount >= limit) {
        return tooMany(Duration.between(now, windowStart.plus(window)).toMillis() / 1000.0);
      }
      windowCount++;
    }
    return null;
  }

  private Answer tooMany(double seconds) {
    rateLimited++;
    ObjectNode body = DiscordPayloads.JSON.createObjectNode().put("message", "You are being rate limited.")
        .put("retry_after", seconds).put("global", false);
    Map<String, String> headers = new HashMap<>(bucketHeaders(0));
    // whole seconds, rounded up, in the header (as Discord sends it); the exact float in the body
    headers.put("Retry-After", String.valueOf((long) Math.ceil(seconds)));
    headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds));
    headers.put("X-RateLimit-Scope", "user");
    return new Answer(429, body.toString(), headers);
  }

  private Map<String, String> bucketHeaders(int remaining) {
    double reset = window == null ? 1.0 : Math.max(0.001,
        Duration.between(Instant.now(), windowStart.plus(window)).toMillis() / 1000.0);
    return Map.of("X-RateLimit-Limit", String.valueOf(Math.max(limit, 5)),
        "X-RateLimit-Remaining", String.valueOf(Math.max(0, remaining)),
        "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", reset),
        "X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + reset),
        "X-RateLimit-Bucket", "fake-messages-bucket",
        "Via", "1.1 google");
  }

  private static long param(String query, String name) {
    if (query == null) {
      return 0;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return Long.parseLong(pair.substring(name.length() + 1));
      }
    }
    return 0;
  }

  private static List<ObjectNode> reversed(java.util.Collection<ObjectNode> values) {
    List<ObjectNode> list = new ArrayList<>(values);
    java.util.Collections.reverse(list);
    return list;
  }

  private static String now() {
    return Instant.now().toString();
  }

  synchronized void dispatched(String id, String token, String messageId) {
    interactions.put(id, new Interaction(token, messageId, Instant.now()));
    byToken.put(token, id);
  }

  /** The interaction's frame starts going out now: what its callback's latency is measured from. */
  synchronized void sent(String id) {
    Interaction interaction = interactions.get(id);
    interactions.put(id, new Interaction(interaction.token(), interaction.messageId(), Instant.now()));
  }

  synchronized Optional<ObjectNode> message(String id) {
    return Optional.ofNullable(messages.get(id)).map(ObjectNode::deepCopy);
  }

  synchronized List<ObjectNode> messages() {
    return messages.values().stream().map(ObjectNode::deepCopy).toList();
  }

  synchronized Optional<Callback> callback(String id) {
    return Optional.ofNullable(callbacks.get(id));
  }

  synchronized List<JsonNode> followups(String id) {
    return List.copyOf(followups.getOrDefault(id, List.of()));
  }

  synchronized ArrayNode guildCommands() {
    return guildCommands.deepCopy();
  }

  synchronized Optional<String> commandId(String name) {
    for (JsonNode command : guildCommands) {
      if (name.equals(command.path("name").asText())) {
        return Optional.of(command.get("id").asText());
      }
    }
    return Optional.empty();
  }

  synchronized void failUntil(int status, Instant until) {
    failStatus = status;
    failUntil = until;
  }

  synchronized void rateLimitNext(int count, double seconds) {
    rateLimitNext = count;
    retryAfter = seconds;
  }

  synchronized void limit(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  synchronized int rateLimitedCount() {
    return rateLimited;
  }
}
