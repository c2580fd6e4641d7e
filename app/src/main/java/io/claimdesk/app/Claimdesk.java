package io.claimdesk.app;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.bot.discord.DiscordBot;
import io.claimdesk.bot.discord.DiscordSettings;
import io.claimdesk.bot.discord.DiscordStartException;
import io.claimdesk.bot.slack.SlackBot;
import io.claimdesk.web.team.DiscordLinkController;
import io.claimdesk.web.team.DiscordLinks;
import io.claimdesk.bot.slack.SlackSettings;
import io.claimdesk.bot.sync.ChatSyncSettings;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.store.embedded.QueueIndexedTicketStore;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.mail.imap.ImapMailboxPoller;
import io.claimdesk.mail.imap.ImapSettings;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.smtp.SmtpReplySender;
import io.claimdesk.mail.smtp.SmtpSettings;
import io.claimdesk.mail.webhook.IngestRoutes;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.WebServer;
import io.claimdesk.web.http.BodyLimits;
import io.javalin.Javalin;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running claimdesk: the database (embedded or not), the services and the one HTTP server. */
public final class Claimdesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Claimdesk.class);
  static final int BCRYPT_COST = 12;
  private static final Duration RELAY_SWEEP = Duration.ofSeconds(30);
  private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(60);
  /** Servers end an IDLE after 30 minutes; it is renewed before. */
  private static final Duration IMAP_IDLE = Duration.ofMinutes(25);
  /**
   * Largest body Slack posts to /slack/events: a view is at most 250 kB (views.open refuses more as
   * view_too_large), and an interaction carries it form-encoded, which can double it.
   */
  static final long MAX_SLACK_BODY_BYTES = 512 * 1024;

  private final EmbeddedMongo embedded;
  private final MongoClient client;
  private final EventRelay relay;
  private final ImapMailboxPoller poller;
  private final SlackBot slack;
  private final DiscordBot discord;
  private final Javalin web;

  private Claimdesk(EmbeddedMongo embedded, MongoClient client, EventRelay relay,
      ImapMailboxPoller poller, SlackBot slack, DiscordBot discord, Javalin web) {
    this.embedded = embedded;
    this.client = client;
    this.relay = relay;
    this.poller = poller;
    this.slack = slack;
    this.discord = discord;
    this.web = web;
  }

  /** Starts everything the configuration asks for; the HTTP server listens when this returns. */
  public static Claimdesk start(AppConfig config) {
    return start(config, BCRYPT_COST);
  }

  static Claimdesk start(AppConfig config, int bcryptCost) {
    Clock clock = Clock.systemUTC();
    EmbeddedMongo embedded = config.embeddedDatabase()
        ? EmbeddedMongo.start(config.dataDir(), config.embeddedMongoAddress()) : null;
    if (embedded == null) {
      DatabaseCheck.ping(config.mongodbUri(), config.mongodbDatabase());
    }
    MongoClient client = MongoClients.create(embedded != null ? embedded.connectionString() : config.mongodbUri());
    EventRelay relay = null;
    ImapMailboxPoller poller = null;
    SlackBot slack = null;
    DiscordBot discord = null;
    Javalin web = null;
    try {
      MongoDatabase database = client.getDatabase(config.mongodbDatabase());
      Stores stores = MongoStores.open(database, clock);
      // The IMAP poller's writes are acknowledged once applied: they become durable with its checkpoint, the next
      // write it waits for the disk for, and a mail after the checkpoint is read and stored again after a crash
      // anyway. Every other write, a webhook's mail included, is durable when acknowledged.
      Stores imapStores = MongoStores.unjournaled(database, clock);
      // The embedded database has no secondary indexes and belongs to this process alone: the queues are kept in
      // memory (one index for both ticket stores), and the relay's sweep at start covers this process's crashes.
      // MongoDB needs neither.
      if (embedded != null) {
        QueueIndexedTicketStore indexed = new QueueIndexedTicketStore(stores.tickets());
        stores = stores.withTickets(t -> indexed);
        imapStores = imapStores.withTickets(indexed::sharedWith);
      }
      TicketStore tickets = stores.tickets();
      TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(bcryptCost), clock);
      relay = new EventRelay(tickets, stores.assignments(), stores.outbox(), clock,
          embedded != null ? Duration.ZERO : RELAY_SWEEP).start();
      ClaimService claims = new ClaimService(tickets, stores.team(), relay, clock);
      if (config.adminEmail() != null && team.bootstrapAdmin(config.adminEmail(), config.adminPassword())) {
        log.info("created the first admin from ADMIN_EMAIL");
      }
      if (config.demo()) {
        new DemoData(tickets, stores.contacts(), team, claims, clock).seedIfEmpty();
      }
      // without SMTP_HOST there is no way to send: /api/emails/reply then answers 503
      ReplyService replies = config.smtp().host() == null ? null : new ReplyService(claims, tickets, relay,
          new SmtpReplySender(new SmtpSettings(config.smtp().host(), config.smtp().port(), config.smtp().user(),
              config.smtp().password(), config.smtp().tls(), MAIL_TIMEOUT), config.supportAddress(),
              config.teamName()), stores.messageIds(), stores.pendingReplies(), clock);
      if (config.slack().enabled()) {
        AppConfig.Slack s = config.slack();
        slack = SlackBot.create(new SlackSettings(s.botToken(), s.signingSecret(), s.channelId(), s.apiUrl(),
            config.publicBaseUrl(), ChatSyncSettings.slack()), new SlackBot.Dependencies(tickets, claims, replies,
            stores.team(), stores.chatSync(), stores.chatDeliveries(), stores.outbox(), clock));
      }
      DiscordLinks discordLinks = new DiscordLinks(clock);
      if (config.discord().enabled()) {
        AppConfig.Discord d = config.discord();
        String linkBase = config.publicBaseUrl().replaceAll("/+$", "") + "/dashboard/link-discord/";
        discord = DiscordBot.create(new DiscordSettings(d.botToken(), d.channelId(), d.apiUrl(),
            config.publicBaseUrl(), ChatSyncSettings.discord()), new DiscordBot.Dependencies(tickets, claims, replies,
            stores.team(), stores.chatSync(), stores.chatDeliveries(), stores.outbox(), clock,
            user -> linkBase + discordLinks.issue(user)));
      }
      SlackBot slackApp = slack;
      SignInService signIn = new SignInService(stores.team(), team.secrets(),
          new LoginThrottle(stores.loginFailures(), clock), PasswordCheckGate.forThisMachine());
      WebDependencies webDeps = WebDependencies.of(stores, tickets, claims, replies, team, clock,
          config.publicBaseUrl().startsWith("https:"), config.trustedProxies(), signIn);
      if (slack != null) {
        slack.sync().ifPresent(sync -> ChatSyncMetrics.register(webDeps.metrics(), sync));
      }
      if (discord != null) {
        discord.sync().ifPresent(sync -> ChatSyncMetrics.register(webDeps.metrics(), sync));
      }
      BodyLimits limits = BodyLimits.of(WebServer.MAX_REQUEST_BYTES).with(IngestRoutes.BODY_LIMITS)
          .with(Map.of("/slack/events", MAX_SLACK_BODY_BYTES));
      web = WebServer.create(webDeps, limits,
          javalinConfig -> {
            if (slackApp != null) {
              javalinConfig.jetty.modifyServletContextHandler(
                  handler -> handler.addServlet(new ServletHolder(slackApp.servlet()), "/slack/events"));
            }
          });
      if (discord != null) {
        DiscordLinkController.install(web, discordLinks, stores.team(), webDeps.sessions(),
            config.publicBaseUrl().startsWith("https:"));
      }
      String mailbox = config.supportAddress() == null ? "support" : config.supportAddress();
      IngestRoutes.install(web, pipeline(stores, relay, mailbox, clock), new IngestRoutes.Credentials(
          config.ingestToken(), config.mailgunSigningKey(), config.postmarkUser(), config.postmarkPassword()),
          stores.webhookTokens(), clock);
      if (config.imap().host() != null) {
        AppConfig.Imap i = config.imap();
        poller = new ImapMailboxPoller(new ImapSettings(i.host(), i.port(), i.ssl(), i.user(), i.password(),
            i.folder(), Duration.ofSeconds(i.pollSeconds()), IMAP_IDLE, MAIL_TIMEOUT),
            pipeline(imapStores, relay, mailbox, clock), stores.checkpoints()).start();
      }
      listen(web, config.bindAddress(), config.port());
      if (slack != null) {
        slack.start();
      }
      if (discord != null) {
        startDiscord(discord);
      }
      log.info("claimdesk listening on {} ({})", config.publicBaseUrl(), config);
      return new Claimdesk(embedded, client, relay, poller, slack, discord, web);
    } catch (RuntimeException e) {
      if (slack != null) {
        slack.close();
      }
      if (discord != null) {
        discord.close();
      }
      // a no-op when it failed to bind (Javalin stopped it then); stops it when something failed after it listened
      if (web != null) {
        web.stop();
      }
      if (poller != null) {
        poller.close();
      }
      if (relay != null) {
        relay.close();
      }
      client.close();
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** Connects the Discord bot; a refused token or an unreachable Discord ends the start with one message. */
  private static void startDiscord(DiscordBot discord) {
    try {
      discord.start();
    } catch (DiscordStartException e) {
      throw new StartupException("Discord: " + e.getMessage(), e);
    }
    log.info("Discord bot invite link (scopes bot applications.commands, permissions {}): {}",
        DiscordSettings.PERMISSIONS, discord.inviteUrl());
  }

  /** The way in for raw mail, writing through {@code stores}. */
  private static IngestPipeline pipeline(Stores stores, EventRelay relay, String mailbox, Clock clock) {
    return new IngestPipeline(new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, clock),
        new MailIngestService(stores.tickets(), stores.messageIds(), stores.contacts(), relay, clock), stores.messageIds(),
        stores.attachments(), stores.quarantine(), mailbox);
  }

  /** Starts the HTTP server; a port it cannot bind ends the start with a StartupException saying so. */
  private static void listen(Javalin web, String bindAddress, int port) {
    try {
      web.start(bindAddress, port); // null: every interface
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException bind) {
          throw new StartupException("cannot listen on " + (bindAddress == null ? "" : bindAddress + ", ") + "port "
              + port + ": " + bind.getMessage() + " (another process may have it; PORT sets the port)", e);
        }
      }
      throw e;
    }
  }

  /**
   * The embedded database's connection string, for tools in the same process; empty with MONGODB_URI. It carries
   * this start's password: never log it.
   */
  public Optional<String> embeddedConnectionString() {
    return Optional.ofNullable(embedded).map(EmbeddedMongo::connectionString);
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return web.port();
  }

  /** The Slack app, when Slack is configured. */
  public Optional<SlackBot> slack() {
    return Optional.ofNullable(slack);
  }

  /** The Discord bot, when Discord is configured. */
  public Optional<DiscordBot> discord() {
    return Optional.ofNullable(discord);
  }

  @Override
  public void close() {
    if (slack != null) {
      slack.close();
    }
    if (discord != null) {
      discord.close();
    }
    web.stop();
    if (poller != null) {
      poller.close();
    }
    relay.close();
    client.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
