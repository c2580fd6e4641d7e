package io.claimdesk.bot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.bot.discord.DiscordBot;
import io.claimdesk.bot.discord.DiscordSettings;
import io.claimdesk.bot.sync.ChatSyncSettings;
import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.reply.ReplySender;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SyncFixture}'s real services on the embedded database, with a {@link FakeDiscord} and a started
 * {@link DiscordBot} on it, as the app wires them; replies go to a recording mail sender.
 */
public final class DiscordFixture implements AutoCloseable {
  public static final String TOKEN = "discord-test-token";

  public final SyncFixture base = new SyncFixture();
  public final FakeDiscord discord = FakeDiscord.start(TOKEN);
  public final List<OutgoingReply> mailed = new CopyOnWriteArrayList<>();
  public final ReplyService replies;
  private DiscordBot bot;

  public DiscordFixture() {
    AtomicInteger ids = new AtomicInteger();
    ReplySender sender = new ReplySender() {
      @Override
      public String newMessageId() {
        return "<reply-" + ids.incrementAndGet() + "@claimdesk.test>";
      }

      @Override
      public SentReply send(OutgoingReply reply) {
        mailed.add(reply);
        return new SentReply(reply.messageId(), null, List.of(), "support@example.com",
            List.of(reply.thread().customerEmail()));
      }
    };
    replies = new ReplyService(base.claims, base.tickets, base.relay, sender, base.stores.messageIds(),
        base.stores.pendingReplies(), base.clock);
  }

  /** A new member of the team, linked to the Discord user {@code discordUser}; the link must be accepted. */
  public TeamMember linkedMember(String name, Role role, String discordUser) {
    TeamMember member = base.member(name, role);
    assertThat(base.stores.team().linkDiscordUser(member.id(), discordUser)).isTrue();
    return member;
  }

  /** Starts the bot with these sync settings; {@code links} makes /link's URL (null: linking off). */
  public DiscordBot start(ChatSyncSettings settings, io.claimdesk.bot.discord.DiscordLinkIssuer links) {
    bot = DiscordBot.create(new DiscordSettings(TOKEN, DiscordPayloads.CHANNEL_ID, discord.apiUrl(),
            SyncFixture.BASE_URL, settings),
        new DiscordBot.Dependencies(base.tickets, base.claims, replies, base.stores.team(),
            base.stores.chatSync(), base.stores.chatDeliveries(), base.stores.outbox(), base.clock, links,
            base.stores.savedReplies()));
    return bot.start();
  }

  public Optional<DiscordBot> bot() {
    return Optional.ofNullable(bot);
  }

  @Override
  public void close() {
    if (bot != null) {
      bot.close();
    }
    discord.close();
    base.close();
  }
}
