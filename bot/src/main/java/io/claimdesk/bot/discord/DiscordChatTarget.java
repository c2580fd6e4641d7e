package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.ChatTarget;
import io.claimdesk.bot.sync.TicketCard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * One Discord channel as a chat target: the ticket's embed message created and edited through JDA's REST client,
 * whose rate limiter paces the calls per route bucket and waits out a 429's {@code Retry-After} itself. A post
 * carries the ticket id as its nonce with {@code enforce_nonce}, so Discord stores a retried post once; and a post
 * whose outcome was lost is found in the channel by the ticket id in the embed's footer.
 */
public final class DiscordChatTarget implements ChatTarget {
  private static final int HISTORY_PAGE = 100;

  private final DiscordGateway gateway;
  private final String channelId;

  public DiscordChatTarget(DiscordGateway gateway, String channelId) {
    this.gateway = gateway;
    this.channelId = channelId;
  }

  @Override
  public String platform() {
    return "discord";
  }

  @Override
  public String channel() {
    return channelId;
  }

  @Override
  public String post(TicketCard card) {
    return DiscordCalls.call("create message", () -> textChannel().sendMessage(DiscordTicketMessage.create(card))
        .setNonce(card.threadId()).complete().getId());
  }

  @Override
  public void update(String messageRef, TicketCard card) {
    DiscordCalls.call("edit message", () -> textChannel().editMessageById(messageRef, DiscordTicketMessage.edit(card))
        .complete());
  }

  @Override
  public Optional<String> findPosted(String threadId, Instant since) {
    String after = Long.toUnsignedString(TimeUtil.getDiscordTimestamp(since.toEpochMilli()));
    MessageHistory history = DiscordCalls.call("read history", () -> MessageHistory.getHistoryAfter(textChannel(), after)
        .limit(HISTORY_PAGE).complete());
    String footer = "Ticket " + threadId;
    return history.getRetrievedHistory().stream()
        .filter(m -> m.getAuthor().getIdLong() == gateway.jda().getSelfUser().getIdLong())
        .filter(m -> m.getEmbeds().stream().map(MessageEmbed::getFooter)
            .anyMatch(f -> f != null && footer.equals(f.getText())))
        .map(Message::getId)
        .findFirst();
  }

  @Override
  public String fingerprint(TicketCard card) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(DiscordTicketMessage.json(card).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TextChannel textChannel() {
    if (!gateway.started()) {
      throw ChatException.transientFailure("the Discord connection is not up", null);
    }
    TextChannel channel = gateway.jda().getTextChannelById(channelId);
    if (channel == null) {
      throw new ChatException(ChatException.Kind.REJECTED, "the bot cannot see channel " + channelId
          + " (wrong DISCORD_CHANNEL_ID, or the bot is not in that server)", null, null);
    }
    return channel;
  }
}
