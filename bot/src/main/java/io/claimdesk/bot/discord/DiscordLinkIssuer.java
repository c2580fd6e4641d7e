package io.claimdesk.bot.discord;

/** Makes the single-use link that connects a Discord user to the claimdesk member who opens it while signed in. */
@FunctionalInterface
public interface DiscordLinkIssuer {

  /** A dashboard URL, valid once and for a short time, that links {@code discordUserId} to the signed-in member. */
  String linkUrl(String discordUserId);
}
