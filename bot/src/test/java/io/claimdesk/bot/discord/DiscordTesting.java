package io.claimdesk.bot.discord;

import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

/** Reaches into a started {@link DiscordGateway} for tests of the fake Discord. */
public final class DiscordTesting {
  private DiscordTesting() {}

  /** Posts plain text to the channel through JDA; returns the message id. */
  public static String post(DiscordGateway gateway, String channelId, String text, String nonce) {
    TextChannel channel = gateway.jda().getTextChannelById(channelId);
    return channel.sendMessage(text).setNonce(nonce).complete().getId();
  }
}
