package io.claimdesk.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Realistic JSON payloads / form bodies that Slack posts to an app. Team is {@code T0001}, app {@code A0001};
 * wrap JSON payloads with {@link SlackSigner#interactionBody(String)} before posting. Null arguments are omitted.
 */
public final class SlackPayloads {

  /** The team id used in payloads (same as {@link FakeSlackApi}'s auth.test). */
  public static final String TEAM_ID = FakeSlackMessages.TEAM_ID;
  /** The app id used in payloads. */
  public static final String APP_ID = "A0001";
  /** The (legacy) verification token put in payloads. */
  public static final String TOKEN = "verification-token";

  private SlackPayloads() {
  }

  /** A {@code block_actions} payload for a button click on a channel message. */
  public static String blockAction(String userId, String actionId, String value, String channelId,
                   String messageTs, String responseUrl, String triggerId) {
    JsonObject container = new JsonObject();
    put(container, "type", "message");
    put(container, "message_ts", messageTs);
    put(container, "channel_id", channelId);
    container.addProperty("is_ephemeral", false);
    JsonObject channel = new JsonObject();
    put(channel, "id", channelId);
    put(channel, "name", "claims");
    JsonObject message = new JsonObject();
    put(message, "type", "message");
    put(message, "ts", messageTs);
    put(message, "text", "ticket");
    put(message, "bot_id", FakeSlackMessages.BOT_ID);
    JsonObject action = new JsonObject();
    put(action, "action_id", actionId);
    put(action, "block_id", "ticket");
    put(action, "value", value);
    put(action, "type", "button");
    put(action, "action_ts", nowTs());
    JsonArray actions = new JsonArray();
    actions.add(action);

    JsonObject o = base("block_actions", userId);
    o.add("container", container);
    put(o, "trigger_id", triggerId);
    o.add("channel", channel);
    o.add("message", message);
    put(o, "response_url", responseUrl);
    o.add("actions", actions);
    return o.toString();
  }

  /** A {@code message_action} payload: the message shortcut {@code callbackId} used on the message {@code messageTs}. */
  public static String messageShortcut(String userId, String callbackId, String channelId, String messageTs,
                   String responseUrl, String triggerId) {
    JsonObject channel = new JsonObject();
    put(channel, "id", channelId);
    put(channel, "name", "claims");
    JsonObject message = new JsonObject();
    put(message, "type", "message");
    put(message, "ts", messageTs);
    put(message, "text", "ticket");
    put(message, "bot_id", FakeSlackMessages.BOT_ID);
    JsonObject o = base("message_action", userId);
    put(o, "callback_id", callbackId);
    put(o, "trigger_id", triggerId);
    put(o, "message_ts", messageTs);
    put(o, "action_ts", nowTs());
    o.add("channel", channel);
    o.add("message", message);
    put(o, "response_url", responseUrl);
    return o.toString();
  }

  /**
   * A {@code view_submission} payload of a modal with a static select ({@code selectBlock}/{@code selectAction},
   * its chosen option's value, null for none) and a plain-text input.
   */
  public static String viewSubmissionWithSelect(String userId, String callbackId, String privateMetadata,
                    String viewId, String selectBlock, String selectAction, String selectedValue,
                    String blockId, String actionId, String value) {
    JsonObject o = com.google.gson.JsonParser.parseString(viewSubmission(userId, callbackId, privateMetadata, viewId,
        blockId, actionId, value)).getAsJsonObject();
    JsonObject select = new JsonObject();
    select.addProperty("type", "static_select");
    if (selectedValue != null) {
      JsonObject option = new JsonObject();
      JsonObject text = new JsonObject();
      text.addProperty("type", "plain_text");
      text.addProperty("text", "chosen");
      option.add("text", text);
      option.addProperty("value", selectedValue);
      select.add("selected_option", option);
    }
    JsonObject block = new JsonObject();
    block.add(selectAction, select);
    o.getAsJsonObject("view").getAsJsonObject("state").getAsJsonObject("values").add(selectBlock, block);
    return o.toString();
  }

  /** A {@code view_submission} payload of a modal with one plain-text input. */
  public static String viewSubmission(String userId, String callbackId, String privateMetadata, String viewId,
                    String blockId, String actionId, String value) {
    Map<String, String> input = new LinkedHashMap<>();
    input.put(actionId, value);
    return viewSubmission(userId, callbackId, privateMetadata, viewId, Map.of(blockId, input));
  }

  /** A {@code view_submission} payload; {@code values} maps block id to action id to the input's text. */
  public static String viewSubmission(String userId, String callbackId, String privateMetadata, String viewId,
                    Map<String, Map<String, String>> values) {
    JsonObject stateValues = new JsonObject();
    values.forEach((blockId, actions) -> {
      JsonObject block = new JsonObject();
      actions.forEach((actionId, text) -> {
        JsonObject input = new JsonObject();
        input.addProperty("type", "plain_text_input");
        put(input, "value", text);
        block.add(actionId, input);
      });
      stateValues.add(blockId, block);
    });
    JsonObject state = new JsonObject();
    state.add("values", stateValues);
    JsonObject title = new JsonObject();
    title.addProperty("type", "plain_text");
    title.addProperty("text", "Claimdesk");
    JsonObject view = new JsonObject();
    put(view, "id", viewId);
    put(view, "team_id", TEAM_ID);
    put(view, "type", "modal");
    put(view, "callback_id", callbackId);
    put(view, "private_metadata", privateMetadata);
    put(view, "hash", "h1");
    view.add("title", title);
    view.add("blocks", new JsonArray());
    view.add("state", state);
    put(view, "root_view_id", viewId);
    put(view, "app_id", APP_ID);
    put(view, "bot_id", FakeSlackMessages.BOT_ID);

    JsonObject o = base("view_submission", userId);
    put(o, "trigger_id", "1111.2222.view" + Long.toHexString(System.nanoTime()));
    o.add("view", view);
    o.add("response_urls", new JsonArray());
    o.addProperty("is_enterprise_install", false);
    return o.toString();
  }

  /** The form body of a slash command invocation (fields in Slack's order). */
  public static String slashCommand(String userId, String userName, String channelId, String command, String text,
                    String responseUrl, String triggerId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", TOKEN);
    f.put("team_id", TEAM_ID);
    f.put("team_domain", "example");
    f.put("channel_id", channelId);
    f.put("channel_name", "claims");
    f.put("user_id", userId);
    f.put("user_name", userName);
    f.put("command", command);
    f.put("text", text);
    f.put("api_app_id", APP_ID);
    f.put("is_enterprise_install", "false");
    f.put("response_url", responseUrl);
    f.put("trigger_id", triggerId);
    f.values().removeIf(v -> v == null);
    return SlackSigner.form(f);
  }

  private static JsonObject base(String type, String userId) {
    JsonObject user = new JsonObject();
    put(user, "id", userId);
    put(user, "username", userId == null ? null : userId.toLowerCase(Locale.ROOT));
    put(user, "name", userId == null ? null : userId.toLowerCase(Locale.ROOT));
    put(user, "team_id", TEAM_ID);
    JsonObject team = new JsonObject();
    team.addProperty("id", TEAM_ID);
    team.addProperty("domain", "example");
    JsonObject o = new JsonObject();
    o.addProperty("type", type);
    o.add("user", user);
    o.add("team", team);
    o.addProperty("api_app_id", APP_ID);
    o.addProperty("token", TOKEN);
    return o;
  }

  private static void put(JsonObject o, String key, String value) {
    if (value != null) {
      o.addProperty(key, value);
    }
  }

  private static String nowTs() {
    Instant now = Instant.now();
    return FakeSlackMessages.formatTs(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
  }
}
