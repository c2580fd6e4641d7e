package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.ChatSyncSettings;

/**
 * What the Discord bot is configured with: the bot token, the channel its ticket messages go to, the REST base
 * (Discord's, or a fake's in tests; the gateway address is whatever that API's {@code gateway/bot} answers), the
 * public base of the links it posts, and the chat sync's pacing.
 */
public record DiscordSettings(String botToken, String channelId, String apiUrl, String publicBaseUrl,
    ChatSyncSettings sync) {

  public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";

  /**
   * The permissions the bot asks for in its invite: View Channel (1024), Send Messages (2048), Embed Links (16384),
   * Read Message History (65536).
   */
  public static final long PERMISSIONS = 1024L | 2048L | 16384L | 65536L;

  /** The invite link for the application {@code applicationId}, with the scopes the bot needs. */
  public static String inviteUrl(String applicationId) {
    return "https://discord.com/oauth2/authorize?client_id=" + applicationId
        + "&scope=bot%20applications.commands&permissions=" + PERMISSIONS;
  }

  @Override
  public String toString() {
    return "DiscordSettings[channelId=" + channelId + ", apiUrl=" + apiUrl + "]"; // never the token
  }
}
