package io.claimdesk.bot.slack;

import io.claimdesk.bot.sync.ChatSyncSettings;

/**
 * Slack configuration: the bot token and signing secret of the Slack app, the channel ticket messages go to
 * (null: no messages, only buttons, {@code /tickets} and the home tab), the Web API base (a local fake in tests),
 * the public base URL for links, and the pacing of the chat sync.
 */
public record SlackSettings(
    String botToken, String signingSecret, String channelId, String apiUrl, String publicBaseUrl,
    ChatSyncSettings sync) {

  @Override
  public String toString() {
    return "SlackSettings[channelId=" + channelId + ", apiUrl=" + apiUrl + "]"; // no secrets in logs
  }
}
