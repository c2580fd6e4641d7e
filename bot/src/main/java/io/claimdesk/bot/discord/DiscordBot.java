package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.ChatSync;
import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.savedreply.SavedReplyStore;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * claimdesk's Discord bot: the gateway connection ({@link DiscordGateway}: buttons, the reply modal, slash
 * commands) and the chat sync that posts and edits the ticket messages in the configured channel through REST.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
  private static final int WORKERS = 4;

  /** What the bot works with. {@code replies} is null without SMTP; {@code links} null without the web link. */
  public record Dependencies(TicketStore tickets, ClaimService claims, ReplyService replies, TeamStore team,
      ChatSyncStore chatSync, DeliveryLog deliveries, EventOutbox outbox, Clock clock, DiscordLinkIssuer links,
      SavedReplyStore savedReplies) {

    /** Without saved replies (none offered in the reply modal). */
    public Dependencies(TicketStore tickets, ClaimService claims, ReplyService replies, TeamStore team,
        ChatSyncStore chatSync, DeliveryLog deliveries, EventOutbox outbox, Clock clock, DiscordLinkIssuer links) {
      this(tickets, claims, replies, team, chatSync, deliveries, outbox, clock, links, null);
    }
  }

  private final DiscordSettings settings;
  private final DiscordGateway gateway;
  private final ChatSync sync;
  private final ExecutorService executor;
  private final DiscordOffers offers;

  private DiscordBot(DiscordSettings settings, DiscordGateway gateway, ChatSync sync, ExecutorService executor,
      DiscordOffers offers) {
    this.settings = settings;
    this.gateway = gateway;
    this.sync = sync;
    this.executor = executor;
    this.offers = offers;
  }

  public static DiscordBot create(DiscordSettings settings, Dependencies deps) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(WORKERS, runnable -> {
      Thread thread = new Thread(runnable, "discord-actions-" + threads.incrementAndGet());
      thread.setDaemon(true);
      // work after the acknowledgement has nobody to report to: a failure is logged here, once
      thread.setUncaughtExceptionHandler((t, e) -> log.error("a Discord interaction could not be handled", e));
      return thread;
    });
    DiscordMembers members = new DiscordMembers(deps.team(), new LastSeen(deps.team(), deps.clock()));
    DiscordInteractions interactions = new DiscordInteractions(members, deps.deliveries(), executor);
    DiscordListener listener = new DiscordListener(
        new DiscordButtons(deps.claims(), interactions),
        new DiscordReplies(deps.replies(), deps.tickets(), members, interactions, deps.savedReplies()),
        new DiscordCommands(deps.tickets(), deps.team(), interactions, deps.links(), settings.publicBaseUrl()),
        new DiscordNotes(deps.claims(), deps.tickets(), deps.chatSync(), settings.channelId(), members, interactions));
    DiscordNoticeSteps steps = new DiscordNoticeSteps(deps.tickets(), deps.team(), settings.publicBaseUrl());
    DiscordOffers offers = new DiscordOffers(interactions, steps);
    DiscordReassign reassign = new DiscordReassign(deps.claims(), deps.tickets(), deps.team(), members,
        interactions);
    DiscordGateway gateway = new DiscordGateway(settings, List.of(listener, offers, reassign),
        jda -> setUp(jda, settings));
    steps.sendThrough(gateway);
    ChatSync sync = new ChatSync(new DiscordChatTarget(gateway, settings.channelId()), deps.tickets(),
        deps.chatSync(), deps.outbox(), deps.clock(), settings.sync(), settings.publicBaseUrl());
    return new DiscordBot(settings, gateway, sync, executor, offers);
  }

  /**
   * Asks Discord whether it takes the token, without connecting: a refused token or an unreachable Discord throws
   * {@link DiscordStartException}. For the start, when the connection itself is made later (under a lease).
   */
  public void checkToken() {
    GatewayAddress.fetch(settings.apiUrl(), settings.botToken());
  }

  /**
   * Connects the gateway (a bad token throws {@link DiscordStartException}) and starts the chat sync, which posts
   * through it. With several instances on one database, one of them does this at a time (it holds a lease); the
   * others answer nothing on Discord, and the sync of the one connected covers every ticket.
   */
  public DiscordBot start() {
    gateway.start();
    sync.start();
    return this;
  }

  /** Stops the chat sync and closes the gateway connection; {@link #start()} may follow. */
  public void stop() {
    sync.close();
    gateway.stop();
  }

  /** After each connect: the slash commands for the channel's guild (one bulk overwrite). */
  private static void setUp(JDA jda, DiscordSettings settings) {
    TextChannel channel = jda.getTextChannelById(settings.channelId());
    if (channel == null) {
      log.error("Discord: the bot cannot see channel {} (DISCORD_CHANNEL_ID); invite it to that server with {}",
          settings.channelId(), DiscordSettings.inviteUrl(jda.getSelfUser().getApplicationId()));
      return;
    }
    DiscordCommands.register(channel.getGuild());
    log.info("Discord: posting to #{} in {}", channel.getName(), channel.getGuild().getName());
  }

  /** The invite link with the scopes and permissions the bot needs. */
  public String inviteUrl() {
    return DiscordSettings.inviteUrl(gateway.jda().getSelfUser().getApplicationId());
  }

  /** The assignment policy's offers, nudges and releases in Discord, their clicks answered by {@code assignments}. */
  public AssignmentNotices offers(AssignmentService assignments, NoticeLog notices) {
    return offers.bind(assignments, notices);
  }

  /** The gateway connection, to hold under a lease when several instances share a database. */
  public DiscordGateway gateway() {
    return gateway;
  }

  public Optional<ChatSync> sync() {
    return Optional.of(sync);
  }

  @Override
  public void close() {
    offers.close(); // what is queued goes out through the connection before it closes
    stop();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
