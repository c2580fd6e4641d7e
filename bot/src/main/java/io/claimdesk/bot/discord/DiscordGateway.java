package io.claimdesk.bot.discord;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's connection to Discord: one JDA session (REST plus the gateway websocket), with no privileged intents
 * and JDA's own reconnect, resume and rate limiting. {@link #start()} logs in, waits until the guilds are loaded
 * and sets the bot up (its slash commands); {@link #stop()} closes the session. Kept as one start/stop component
 * so that, with several instances on one database, it can be held by one of them (a lease's start and stop).
 */
public final class DiscordGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordGateway.class);
  private static final long READY_SECONDS = 60;

  static {
    // customer text in a ticket must never ping anybody, whatever a message builder forgets
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
  }

  private final DiscordSettings settings;
  private final List<EventListener> listeners;
  private final Consumer<JDA> onConnected;
  private volatile JDA jda;

  public DiscordGateway(DiscordSettings settings, List<EventListener> listeners) {
    this(settings, listeners, connected -> { });
  }

  /** {@code onConnected} runs after each {@link #start()} has connected (the bot registers its commands there). */
  DiscordGateway(DiscordSettings settings, List<EventListener> listeners, Consumer<JDA> onConnected) {
    this.settings = settings;
    this.listeners = List.copyOf(listeners);
    this.onConnected = onConnected;
  }

  /** Logs in and waits for READY; a refused token or an unreachable Discord throws {@link DiscordStartException}. */
  public synchronized DiscordGateway start() {
    if (jda != null) {
      return this;
    }
    String gatewayUrl = GatewayAddress.fetch(settings.apiUrl(), settings.botToken());
    JDA built;
    try {
      built = JDABuilder.createLight(settings.botToken(), EnumSet.noneOf(GatewayIntent.class))
          .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
          .setSessionController(new SessionControllerAdapter() {
            @Override
            public String getGateway() {
              return gatewayUrl;
            }
          })
          .setMemberCachePolicy(MemberCachePolicy.NONE)
          .addEventListeners(listeners.toArray())
          .build();
    } catch (InvalidTokenException e) {
      throw new DiscordStartException("Discord refused DISCORD_BOT_TOKEN (401 Unauthorized)", e);
    }
    awaitReady(built);
    InteractionClasses.preload(); // here, not on JDA's reading thread at the first click
    log.info("Discord: connected as {} to {} guild(s)", built.getSelfUser().getName(), built.getGuilds().size());
    try {
      onConnected.accept(built);
    } catch (RuntimeException e) {
      built.shutdownNow();
      throw new DiscordStartException("Discord refused the bot's set-up after connecting: " + e.getMessage(), e);
    }
    jda = built;
    return this;
  }

  /** Waits for READY and the guilds; JDA's own wait has no time limit, and a start must not hang for ever. */
  private static void awaitReady(JDA built) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (built.getStatus() != JDA.Status.CONNECTED) {
      JDA.Status status = built.getStatus();
      if (status == JDA.Status.FAILED_TO_LOGIN || status == JDA.Status.SHUTDOWN
          || status == JDA.Status.SHUTTING_DOWN) {
        built.shutdownNow();
        throw new DiscordStartException("Discord closed the gateway connection at start (" + status + ")", null);
      }
      if (System.nanoTime() - deadline > 0) {
        built.shutdownNow();
        throw new DiscordStartException("no READY from Discord's gateway within " + READY_SECONDS + " s", null);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        built.shutdownNow();
        throw new DiscordStartException("interrupted while connecting to Discord", e);
      }
    }
  }

  /** The session, once started. */
  JDA jda() {
    JDA current = jda;
    if (current == null) {
      throw new IllegalStateException("the Discord gateway is not started");
    }
    return current;
  }

  boolean started() {
    return jda != null;
  }

  /** Closes the session and its websocket; a later {@link #start()} opens a new one. */
  public synchronized void stop() {
    JDA current = jda;
    jda = null;
    if (current == null) {
      return;
    }
    current.shutdown();
    try {
      if (!current.awaitShutdown(5, TimeUnit.SECONDS)) {
        current.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current.shutdownNow();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
