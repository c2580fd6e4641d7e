package io.claimdesk.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Discord on loopback for JDA: REST under {@link #apiUrl()} (give it to JDA's {@code RestConfig#setBaseUrl})
 * and a gateway websocket whose address {@code GET gateway/bot} answers. REST: {@code users/@me},
 * {@code gateway/bot}, direct message channels ({@code users/@me/channels}), channel messages (create with nonce
 * de-duplication, edit, list per channel), interaction callbacks (one
 * per interaction, {@code ?with_response=true}), follow-up webhooks and guild command registration. Every REST call
 * is recorded; message routes can fail with a 5xx for a while, answer 429 (with {@code Retry-After},
 * {@code X-RateLimit-*} and {@code Via}, so JDA takes it for a route limit, not a ban) or enforce a bucket.
 * The gateway ({@link FakeDiscordGateway}) dispatches button clicks, modal submits and slash commands.
 */
public final class FakeDiscord implements AutoCloseable {

  /** One REST call: method, path below the API base, query string, body (or null), when, and the status sent. */
  public record Call(String method, String path, String query, JsonNode body, Instant at, int status) {}

  private final Javalin server;
  private final FakeDiscordGateway gateway = new FakeDiscordGateway();
  private final FakeDiscordState state = new FakeDiscordState();
  private final List<Call> calls = new ArrayList<>(); // guarded by itself
  private final AtomicLong interactionIds = new AtomicLong();
  private final String token;

  private FakeDiscord(String token) {
    this.token = token;
    server = Javalin.create(config -> {
      config.showJavalinBanner = false;
    });
    for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PATCH, HandlerType.PUT,
        HandlerType.DELETE)) {
      server.addHttpHandler(type, "/api/v10/<path>", this::rest);
    }
    server.ws("/gateway", gateway::configure);
  }

  /** Starts a fake that accepts the bot token {@code token} (any other gets 401). */
  public static FakeDiscord start(String token) {
    FakeDiscord fake = new FakeDiscord(token);
    fake.server.start("127.0.0.1", 0);
    fake.gateway.url("ws://127.0.0.1:" + fake.server.port() + "/gateway");
    return fake;
  }

  /** The REST base, ending in {@code /}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v10/";
  }

  private void rest(Context ctx) throws IOException {
    String path = ctx.pathParam("path");
    String body = ctx.body();
    JsonNode json = null;
    if (ctx.contentType() != null && ctx.contentType().startsWith("multipart/")) {
      String payload = ctx.formParam("payload_json");
      json = payload == null ? null : DiscordPayloads.JSON.readTree(payload);
    } else if (!body.isBlank()) {
      json = DiscordPayloads.JSON.readTree(body);
    }
    FakeDiscordState.Answer answer;
    String auth = ctx.header("Authorization");
    // answered and recorded under one lock: whoever sees the effect of a call also finds the call recorded
    synchronized (calls) {
      if (!("Bot " + token).equals(auth) && !path.startsWith("interactions/") && !path.startsWith("webhooks/")) {
        answer = FakeDiscordState.Answer.error(401, "401: Unauthorized", 0);
      } else {
        answer = state.answer(ctx.method().name(), path, ctx.queryString(), json, gateway);
      }
      calls.add(new Call(ctx.method().name(), path, ctx.queryString(), json, Instant.now(), answer.status()));
    }
    answer.headers().forEach(ctx::header);
    ctx.status(answer.status()).contentType("application/json").result(answer.body());
  }

  // ---- gateway --------------------------------------------------------------------------------------------------

  /** Dispatches a click on the button {@code customId} of message {@code messageId}; returns the interaction id. */
  public String click(String userId, String userName, String messageId, String customId) {
    String id = nextInteractionId();
    ObjectNode message = state.message(messageId).orElseThrow(() -> new IllegalArgumentException(
        "no message " + messageId));
    return dispatchInteraction(id, messageId,
        DiscordPayloads.buttonClick(id, "token-" + id, userId, userName, customId, message));
  }

  /**
   * Dispatches a click by {@code userId} on the button {@code customId} of the bot's direct message
   * {@code messageId}, in the direct message channel opened with {@code dmUserId}; returns the interaction id.
   */
  public String clickInDm(String userId, String userName, String dmUserId, String messageId, String customId) {
    String id = nextInteractionId();
    ObjectNode message = state.message(messageId).orElseThrow(() -> new IllegalArgumentException(
        "no message " + messageId));
    String channel = state.dmChannel(dmUserId).orElseThrow(() -> new IllegalArgumentException(
        "no direct message channel with " + dmUserId));
    return dispatchInteraction(id, messageId,
        DiscordPayloads.dmButtonClick(id, "token-" + id, userId, userName, channel, customId, message));
  }

  /** The direct message channel the bot opened with {@code userId}, if it did. */
  public Optional<String> dmChannel(String userId) {
    return state.dmChannel(userId);
  }

  /** The messages of one channel (the team's, or a direct message channel) as they are now, oldest first. */
  public List<ObjectNode> messagesIn(String channelId) {
    return state.messages().stream().filter(m -> m.path("channel_id").asText().equals(channelId)).toList();
  }

  /**
   * Dispatches a choice in the string select menu {@code customId} of the ephemeral message that answered the
   * interaction {@code answeredInteraction} (its callback); returns the new interaction id.
   */
  public String select(String userId, String userName, String answeredInteraction, String customId,
      List<String> values) {
    FakeDiscordState.Callback answer = state.callback(answeredInteraction).orElseThrow(
        () -> new IllegalArgumentException("no answer to interaction " + answeredInteraction));
    ObjectNode message = DiscordPayloads.message(String.valueOf(FakeDiscordState.snowflake()),
        (ObjectNode) answer.data(), Instant.now().toString());
    String id = nextInteractionId();
    return dispatchInteraction(id, null,
        DiscordPayloads.stringSelect(id, "token-" + id, userId, userName, customId, values, message));
  }

  /** Dispatches a modal submit with one text input; returns the interaction id. */
  public String submitModal(String userId, String userName, String modalId, String inputId, String value) {
    String id = nextInteractionId();
    return dispatchInteraction(id, null,
        DiscordPayloads.modalSubmit(id, "token-" + id, userId, userName, modalId, inputId, value));
  }

  /** Dispatches a modal submit with a string select and a text input; returns the interaction id. */
  public String submitModalWithSelect(String userId, String userName, String modalId, String selectId,
      java.util.List<String> values, String inputId, String value) {
    String id = nextInteractionId();
    return dispatchInteraction(id, null, DiscordPayloads.modalSubmitWithSelect(id, "token-" + id, userId, userName,
        modalId, selectId, values, inputId, value));
  }

  /** Dispatches the message command {@code name} on the bot's message {@code messageId}; returns the interaction id. */
  public String messageCommand(String userId, String userName, String name, String messageId) {
    String id = nextInteractionId();
    String commandId = state.commandId(name).orElse("1");
    ObjectNode message = state.message(messageId).orElseThrow(() -> new IllegalArgumentException(
        "no message " + messageId));
    return dispatchInteraction(id, null,
        DiscordPayloads.messageCommand(id, "token-" + id, userId, userName, commandId, name, message));
  }

  /** Dispatches the slash command {@code /name} (registered before, so it has an id); returns the interaction id. */
  public String slashCommand(String userId, String userName, String name) {
    String id = nextInteractionId();
    String commandId = state.commandId(name).orElse("1");
    return dispatchInteraction(id, null,
        DiscordPayloads.slashCommand(id, "token-" + id, userId, userName, commandId, name));
  }

  private String dispatchInteraction(String id, String messageId, ObjectNode payload) {
    state.dispatched(id, "token-" + id, messageId);
    gateway.dispatch("INTERACTION_CREATE", payload, () -> state.sent(id));
    return id;
  }

  private String nextInteractionId() {
    return String.valueOf(FakeDiscordState.snowflake() + interactionIds.incrementAndGet());
  }

  /** Closes every gateway connection as a network drop would (JDA reconnects and resumes). */
  public void dropGateway() {
    gateway.drop();
  }

  public int identifies() {
    return gateway.identifies();
  }

  public int resumes() {
    return gateway.resumes();
  }

  /** Gateway connections that identified or resumed and are still open. */
  public int readyConnections() {
    return gateway.readyConnections();
  }

  // ---- what the bot did -----------------------------------------------------------------------------------------

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Calls whose method and path match, e.g. {@code POST} and {@code channels/.../messages}. */
  public List<Call> calls(String method, String pathRegex) {
    return calls().stream().filter(c -> c.method().equals(method) && c.path().matches(pathRegex)).toList();
  }

  /** The channel's messages as they are now, oldest first. */
  public List<ObjectNode> messages() {
    return state.messages();
  }

  public Optional<ObjectNode> message(String id) {
    return state.message(id);
  }

  /** The answer to an interaction ({@code type} and {@code data}), if one came. */
  public Optional<FakeDiscordState.Callback> callback(String interactionId) {
    return state.callback(interactionId);
  }

  /** Follow-up messages sent for an interaction, in order. */
  public List<JsonNode> followups(String interactionId) {
    return state.followups(interactionId);
  }

  /** The commands registered for the guild, as the last bulk overwrite sent them. */
  public ArrayNode guildCommands() {
    return state.guildCommands();
  }

  // ---- faults ---------------------------------------------------------------------------------------------------

  /** Message routes answer {@code status} (a 5xx) until {@code duration} has passed. */
  public void failMessagesFor(int status, Duration duration) {
    state.failUntil(status, Instant.now().plus(duration));
  }

  /** The next {@code count} message calls answer 429 asking to wait {@code retryAfterSeconds}. */
  public void rateLimitNext(int count, double retryAfterSeconds) {
    state.rateLimitNext(count, retryAfterSeconds);
  }

  /** Message routes share one bucket of {@code limit} calls per {@code window}; beyond it they answer 429. */
  public void limitMessages(int limit, Duration window) {
    state.limit(limit, window);
  }

  public int rateLimited() {
    return state.rateLimitedCount();
  }

  @Override
  public void close() {
    server.stop();
  }
}
