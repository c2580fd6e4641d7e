package io.claimdesk.bot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the fake Discord sends: READY, GUILD_CREATE and INTERACTION_CREATE as JDA 6.5 reads them (it insists on
 * fields a minimal payload would leave out: roles with {@code colors}, members with {@code joined_at}, an
 * interaction's {@code channel}, {@code authorizing_integration_owners} and {@code context}).
 */
public final class DiscordPayloads {
  static final ObjectMapper JSON = new ObjectMapper();

  public static final String GUILD_ID = "900000000000000001";
  public static final String CHANNEL_ID = "900000000000000002";
  public static final String BOT_ID = "900000000000000003";
  public static final String APPLICATION_ID = "900000000000000004";

  private DiscordPayloads() {}

  static ObjectNode user(String id, String name, boolean bot) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id).put("username", name).put("discriminator", "0").put("global_name", name)
        .putNull("avatar").put("bot", bot).put("public_flags", 0).put("flags", 0);
    return user;
  }

  static ObjectNode botUser() {
    ObjectNode user = user(BOT_ID, "claimdesk", true);
    user.put("verified", true).put("mfa_enabled", false);
    return user;
  }

  static ObjectNode ready(String sessionId, String resumeUrl) {
    ObjectNode d = JSON.createObjectNode();
    d.put("v", 10).set("user", botUser());
    d.putArray("guilds").addObject().put("id", GUILD_ID).put("unavailable", true);
    d.put("session_id", sessionId).put("resume_gateway_url", resumeUrl);
    d.putObject("application").put("id", APPLICATION_ID).put("flags", 0);
    d.putArray("private_channels");
    d.putArray("relationships");
    d.putArray("presences");
    d.putObject("user_settings");
    return d;
  }

  static ObjectNode guildCreate() {
    ObjectNode g = JSON.createObjectNode();
    g.put("id", GUILD_ID).put("name", "Support team").putNull("icon").putNull("splash").put("owner_id", BOT_ID)
        .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0)
        .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
        .put("preferred_locale", "en-US").put("member_count", 1).put("large", false).put("unavailable", false)
        .put("joined_at", Instant.EPOCH.toString()).putNull("afk_channel_id").putNull("system_channel_id")
        .put("max_members", 500000).put("premium_subscription_count", 0);
    g.putArray("features");
    ObjectNode everyone = g.putArray("roles").addObject();
    everyone.put("id", GUILD_ID).put("name", "@everyone").put("color", 0).put("hoist", false).put("position", 0)
        .put("permissions", "2147483647").put("managed", false).put("mentionable", false).put("flags", 0);
    everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
    ObjectNode channel = g.putArray("channels").addObject();
    channel.put("id", CHANNEL_ID).put("type", 0).put("guild_id", GUILD_ID).put("name", "support")
        .put("position", 0).put("nsfw", false).putNull("parent_id").putNull("topic").put("rate_limit_per_user", 0)
        .putNull("last_message_id").put("flags", 0);
    channel.putArray("permission_overwrites");
    g.putArray("threads");
    g.putArray("guild_scheduled_events");
    g.putArray("emojis");
    g.putArray("stickers");
    g.putArray("voice_states");
    g.putArray("presences");
    g.putArray("stage_instances");
    g.putArray("members").add(member(botUser()));
    return g;
  }

  static ObjectNode member(ObjectNode user) {
    ObjectNode m = JSON.createObjectNode();
    m.set("user", user);
    m.putArray("roles");
    m.put("joined_at", Instant.EPOCH.toString()).put("deaf", false).put("mute", false).put("flags", 0)
        .put("pending", false).putNull("nick").putNull("avatar").put("permissions", "2147483647");
    return m;
  }

  /** The common part of an interaction in the team's channel, by the Discord user {@code userId}. */
  static ObjectNode interaction(String id, String token, int type, String userId, String userName) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", id).put("application_id", APPLICATION_ID).put("type", type).put("token", token).put("version", 1)
        .put("guild_id", GUILD_ID).put("channel_id", CHANNEL_ID).put("locale", "en-US").put("guild_locale", "en-US")
        .put("app_permissions", "2147483647").put("context", 0);
    ObjectNode channel = i.putObject("channel");
    channel.put("id", CHANNEL_ID).put("type", 0).put("guild_id", GUILD_ID).put("name", "support")
        .put("position", 0).put("nsfw", false).putNull("parent_id").put("flags", 0).put("permissions", "2147483647");
    channel.putArray("permission_overwrites");
    ObjectNode guild = i.putObject("guild");
    guild.put("id", GUILD_ID).put("locale", "en-US");
    guild.putArray("features");
    i.set("member", member(user(userId, userName, false)));
    i.putObject("authorizing_integration_owners").put("0", GUILD_ID);
    i.putArray("entitlements");
    return i;
  }

  /** A click on the button {@code customId} of the bot's message {@code message} (its current JSON). */
  static ObjectNode buttonClick(String id, String token, String userId, String userName, String customId,
      ObjectNode message) {
    ObjectNode i = interaction(id, token, 3, userId, userName);
    i.set("message", message);
    i.putObject("data").put("custom_id", customId).put("component_type", 2);
    return i;
  }

  /**
   * A click on the button {@code customId} of the bot's direct message {@code message} in the direct message channel
   * {@code channelId}: no guild, the clicking {@code user} instead of a member, context 1 (the bot's DM).
   */
  static ObjectNode dmButtonClick(String id, String token, String userId, String userName, String channelId,
      String customId, ObjectNode message) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", id).put("application_id", APPLICATION_ID).put("type", 3).put("token", token).put("version", 1)
        .put("channel_id", channelId).put("locale", "en-US").put("app_permissions", "2147483647").put("context", 1);
    ObjectNode channel = i.putObject("channel");
    channel.put("id", channelId).put("type", 1).putNull("last_message_id").put("flags", 0);
    channel.putArray("recipients").add(user(userId, userName, false));
    i.set("user", user(userId, userName, false));
    i.putObject("authorizing_integration_owners").put("0", GUILD_ID);
    i.putArray("entitlements");
    i.set("message", message);
    i.putObject("data").put("custom_id", customId).put("component_type", 2);
    return i;
  }

  /** A choice of {@code values} in the string select menu {@code customId} of {@code message}. */
  static ObjectNode stringSelect(String id, String token, String userId, String userName, String customId,
      java.util.List<String> values, ObjectNode message) {
    ObjectNode i = interaction(id, token, 3, userId, userName);
    i.set("message", message);
    ObjectNode data = i.putObject("data").put("custom_id", customId).put("component_type", 3);
    values.forEach(data.putArray("values")::add);
    return i;
  }

  /** A submitted modal: one Label (type 18) wrapping a text input {@code inputId} with {@code value}. */
  static ObjectNode modalSubmit(String id, String token, String userId, String userName, String modalId,
      String inputId, String value) {
    ObjectNode i = interaction(id, token, 5, userId, userName);
    ObjectNode data = i.putObject("data");
    data.put("custom_id", modalId);
    ObjectNode label = data.putArray("components").addObject();
    label.put("type", 18).put("id", 1);
    label.putObject("component").put("type", 4).put("id", 2).put("custom_id", inputId).put("value", value);
    return i;
  }

  /**
   * A submitted modal with a string select {@code selectId} (its chosen {@code values}) and a text input
   * {@code inputId}, each in its Label (type 18), as Discord sends modals with selects.
   */
  static ObjectNode modalSubmitWithSelect(String id, String token, String userId, String userName, String modalId,
      String selectId, List<String> values, String inputId, String value) {
    ObjectNode i = interaction(id, token, 5, userId, userName);
    ObjectNode data = i.putObject("data");
    data.put("custom_id", modalId);
    ArrayNode components = data.putArray("components");
    ObjectNode selectLabel = components.addObject();
    selectLabel.put("type", 18).put("id", 1);
    ObjectNode select = selectLabel.putObject("component").put("type", 3).put("id", 2).put("custom_id", selectId);
    ArrayNode chosen = select.putArray("values");
    values.forEach(chosen::add);
    ObjectNode inputLabel = components.addObject();
    inputLabel.put("type", 18).put("id", 3);
    inputLabel.putObject("component").put("type", 4).put("id", 4).put("custom_id", inputId).put("value", value);
    return i;
  }

  /** The message command {@code name} (a right-click on a message) on the bot's message {@code message}. */
  static ObjectNode messageCommand(String id, String token, String userId, String userName, String commandId,
      String name, ObjectNode message) {
    ObjectNode i = interaction(id, token, 2, userId, userName);
    ObjectNode data = i.putObject("data");
    data.put("id", commandId).put("name", name).put("type", 3).put("guild_id", GUILD_ID)
        .put("target_id", message.path("id").asText());
    data.putObject("resolved").putObject("messages").set(message.path("id").asText(), message);
    return i;
  }

  /** A slash command {@code /name} without options. */
  static ObjectNode slashCommand(String id, String token, String userId, String userName, String commandId,
      String name) {
    ObjectNode i = interaction(id, token, 2, userId, userName);
    i.putObject("data").put("id", commandId).put("name", name).put("type", 1).put("guild_id", GUILD_ID);
    return i;
  }

  /** A message as Discord answers it, from what the bot sent. */
  static ObjectNode message(String id, ObjectNode sent, String timestamp) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id).put("type", 0).put("channel_id", CHANNEL_ID).put("guild_id", GUILD_ID)
        .put("content", sent.path("content").asText("")).put("timestamp", timestamp).putNull("edited_timestamp")
        .put("tts", false).put("mention_everyone", false).put("pinned", false)
        .put("flags", sent.path("flags").asInt(0));
    m.set("author", botUser());
    m.putArray("mentions");
    m.putArray("mention_roles");
    m.putArray("attachments");
    m.set("embeds", embeds(sent.get("embeds")));
    m.set("components", sent.has("components") ? sent.get("components").deepCopy() : JSON.createArrayNode());
    if (sent.hasNonNull("nonce")) {
      m.put("nonce", sent.get("nonce").asText());
    }
    return m;
  }

  /** Embeds as Discord stores them: each gets its {@code type}, which JDA needs to read them back. */
  static ArrayNode embeds(com.fasterxml.jackson.databind.JsonNode sent) {
    ArrayNode embeds = JSON.createArrayNode();
    if (sent != null) {
      sent.forEach(e -> embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich")));
    }
    return embeds;
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }
}
