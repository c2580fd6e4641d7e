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
import io.claimdesk.core.voice.CallNotes;
import io.claimdesk.core.voice.CallRecorder;
import io.claimdesk.core.voice.CallRouter;
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
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.smtp.SmtpReplySender;
import io.claimdesk.mail.smtp.SmtpSettings;
import io.claimdesk.mail.webhook.IngestRoutes;
import io.claimdesk.voice.softphone.SoftphoneRoutes;
import io.claimdesk.voice.softphone.SoftphoneSettings;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.voice.webhook.VoiceRoutes;
import io.claimdesk.web.WebServer;
import io.claimdesk.web.health.Readiness;
import io.claimdesk.web.health.TimedServlet;
import io.claimdesk.web.http.BodyLimits;
import io.claimdesk.web.http.ServerLimits;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running claimdesk: the database (embedded or not), the services and the one HTTP server. */
public final class Claimdesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Claimdesk.class);
  static final int BCRYPT_COST = 12;
  private static final Duration RELAY_SWEEP = Duration.ofSeconds(30);
  /** How long a mail server (IMAP, SMTP) may take to answer. */
  static final Duration MAIL_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Largest body Slack posts to /slack/events: a view is at most 250 kB (views.open refuses more as
   * view_too_large), and an interaction carries it form-encoded, which can double it.
   */
  static final long MAX_SLACK_BODY_BYTES = 512 * 1024;
  /** The lease of the Discord gateway connection: one instance connects. */
  static final String DISCORD_LEASE = "discord-gateway";

  private final EmbeddedMongo embedded;
  private final MongoClient client;
  private final EventRelay relay;
  private final AutoCloseable indexFollower;
  private final Leases leases;
  private final SlackBot slack;
  private final DiscordBot discord;
  private final Javalin web;
  private final Readiness readiness;

  private Claimdesk(EmbeddedMongo embedded, MongoClient client, EventRelay relay, AutoCloseable indexFollower,
      Leases leases, SlackBot slack, DiscordBot discord, Javalin web, Readiness readiness) {
    this.indexFollower = indexFollower;
    this.embedded = embedded;
    this.client = client;
    this.relay = relay;
    this.leases = leases;
    this.slack = slack;
    this.discord = discord;
    this.web = web;
    this.readiness = readiness;
  }

  /** Starts everything the configuration asks for; the HTTP server listens when this returns. */
  public static Claimdesk start(AppConfig config) {
    return start(config, BCRYPT_COST);
  }

  static Claimdesk start(AppConfig config, int bcryptCost) {
    return start(config, bcryptCost, Testing.NONE);
  }

  /**
   * What only tests set: the loopback host:port the browser softphone signals to instead of Twilio, and routes of
   * the test's own, installed before every other.
   */
  record Testing(String softphoneSignalingHost, Consumer<JavalinConfig> routes) {
    static final Testing NONE = new Testing(null, routes -> {});
  }

  static Claimdesk start(AppConfig config, int bcryptCost, Testing testing) {
    Clock clock = Clock.systemUTC();
    EmbeddedMongo embedded = config.embeddedDatabase()
        ? EmbeddedMongo.start(config.dataDir(), config.embeddedMongoAddress()) : null;
    if (embedded == null) {
      DatabaseCheck.ping(config.mongodbUri(), config.mongodbDatabase());
    }
    MongoClient client = MongoClients.create(embedded != null ? embedded.connectionString() : config.mongodbUri());
    EventRelay relay = null;
    AutoCloseable indexFollower = null;
    Leases leases = null;
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
      // The embedded database has no secondary indexes and belongs to this process: the queues are kept in
      // memory (one index for both ticket stores), and the relay's sweep at start covers this process's crashes.
      // When EMBEDDED_MONGO_ADDRESS lets other instances write too, the index follows the outbox for their changes.
      // MongoDB needs neither.
      if (embedded != null) {
        long outboxHead = stores.outbox().head();
        QueueIndexedTicketStore indexed = new QueueIndexedTicketStore(stores.tickets());
        stores = stores.withTickets(t -> indexed);
        imapStores = imapStores.withTickets(indexed::sharedWith);
        if (config.embeddedMongoAddress() != null) {
          indexFollower = indexed.followOutbox(stores.outbox(), outboxHead, clock);
        }
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
        new DemoData(tickets, stores.contacts(), team, stores.team(), relay, clock).seedIfEmpty();
      }
      // without SMTP_HOST there is no way to send: /api/emails/reply then answers 503
      ReplyService replies = config.smtp().host() == null ? null : new ReplyService(claims, tickets, relay,
          new SmtpReplySender(new SmtpSettings(config.smtp().host(), config.smtp().port(), config.smtp().user(),
              config.smtp().password(), config.smtp().tls(), MAIL_TIMEOUT), config.supportAddress(),
              config.teamName(), stores.attachments()), stores.messageIds(), stores.pendingReplies(), clock);
      if (config.slack().enabled()) {
        AppConfig.Slack s = config.slack();
        slack = SlackBot.create(new SlackSettings(s.botToken(), s.signingSecret(), s.channelId(), s.apiUrl(),
            config.publicBaseUrl(), ChatSyncSettings.slack()), new SlackBot.Dependencies(tickets, claims, replies,
            stores.team(), stores.chatSync(), stores.chatDeliveries(), stores.outbox(), clock, stores.savedReplies()));
      }
      DiscordLinks discordLinks = config.discord().enabled()
          ? new DiscordLinks(MongoStores.linkTokens(database, clock), clock) : null;
      if (config.discord().enabled()) {
        AppConfig.Discord d = config.discord();
        String linkBase = config.publicBaseUrl().replaceAll("/+$", "") + "/dashboard/link-discord/";
        discord = DiscordBot.create(new DiscordSettings(d.botToken(), d.channelId(), d.apiUrl(),
            config.publicBaseUrl(), ChatSyncSettings.discord()), new DiscordBot.Dependencies(tickets, claims, replies,
            stores.team(), stores.chatSync(), stores.chatDeliveries(), stores.outbox(), clock,
            user -> linkBase + discordLinks.issue(user), stores.savedReplies()));
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
          .with(Map.of("/slack/events", MAX_SLACK_BODY_BYTES)).with(VoiceRoutes.BODY_LIMITS);
      web = WebServer.create(webDeps, limits,
          javalinConfig -> {
            ServerLimits.stopGracefully(javalinConfig);
            if (slackApp != null) {
              javalinConfig.jetty.modifyServletContextHandler(
                  handler -> handler.addServlet(new ServletHolder(new TimedServlet(slackApp.servlet(), "/slack/events",
                      webDeps.metrics().registry())), "/slack/events"));
            }
            testing.routes().accept(javalinConfig);
          });
      if (discord != null) {
        DiscordLinkController.install(web, discordLinks, stores.team(), webDeps.sessions(),
            config.publicBaseUrl().startsWith("https:"));
      }
      String mailbox = config.supportAddress() == null ? "support" : config.supportAddress();
      IngestPipeline webhookPipeline = MailWiring.pipeline(stores, relay, mailbox, clock);
      IngestRoutes.install(web, webhookPipeline, new IngestRoutes.Credentials(
          config.ingestToken(), config.mailgunSigningKey(), config.postmarkUser(), config.postmarkPassword()),
          stores.webhookTokens(), clock);
      if (config.twilio().enabled()) {
        VoiceRoutes.install(web, new VoiceRoutes.Settings(config.twilio().authToken(), config.publicBaseUrl(),
            config.twilio().ringSeconds()),
            new CallRouter(tickets, stores.contacts(), stores.team(), stores.callLogs(), clock),
            new CallRecorder(tickets, stores.contacts(), stores.team(), stores.callLogs(), claims, relay, mailbox, clock),
            new CallNotes(stores.callLogs(), stores.contacts(), clock));
      }
      leases = Leases.start(stores.leases(), clock);
      AppConfig.Twilio twilio = config.twilio();
      SoftphoneRoutes.install(web, new SoftphoneSettings(twilio.accountSid(), twilio.apiKeySid(),
          twilio.apiKeySecret(), twilio.twimlAppSid(), testing.softphoneSignalingHost()), webDeps);
      MailWiring.readImap(config, stores, imapStores, relay, mailbox, webhookPipeline, leases, webDeps.metrics(),
          clock);
      relay.observe(new TicketMetrics(tickets, webDeps.metrics().registry()));
      AssignmentWiring.start(database, stores, claims, relay, web, webDeps, leases, clock, slack, discord,
          config.awayAfter());
      if (discord != null) {
        // one gateway connection for all instances: the token is checked now (a refusal ends the start), and
        // whichever instance holds the lease connects and posts
        checkDiscordToken(discord);
        DiscordBot bot = discord;
        leases.keeper().hold(DISCORD_LEASE, epoch -> {
          bot.start();
          log.info("Discord bot invite link (scopes bot applications.commands, permissions {}): {}",
              DiscordSettings.PERMISSIONS, bot.inviteUrl());
          return bot::stop;
        });
      }
      leases.startKeeping(webDeps.metrics());
      listen(web, config.bindAddress(), config.port());
      if (slack != null) {
        slack.start();
      }
      log.info("claimdesk listening on {} ({})", config.publicBaseUrl(), config);
      webDeps.readiness().ready();
      return new Claimdesk(embedded, client, relay, indexFollower, leases, slack, discord, web,
          webDeps.readiness());
    } catch (RuntimeException e) {
      // a no-op when it failed to bind (Javalin stopped it then); stops it when something failed after it listened
      if (web != null) {
        web.stop();
      }
      if (leases != null) {
        leases.close();
      }
      closeAfterWeb(slack, discord, relay, indexFollower, client, embedded);
      throw e;
    }
  }

  /** A refused token or an unreachable Discord ends the start with one message. */
  private static void checkDiscordToken(DiscordBot discord) {
    try {
      discord.checkToken();
    } catch (DiscordStartException e) {
      throw new StartupException("Discord: " + e.getMessage(), e);
    }
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

  /** Each lease this instance keeps, and whether it holds it now. */
  public Map<String, Boolean> leasesHeld() {
    return leases.keeper().held();
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
    shutdown(Duration.ZERO);
  }

  /**
   * Stops in order: /readyz answers 503 and the singleton work (IMAP polling) stops and releases its leases, so
   * another instance takes over at once; after {@code drain} (for load balancers to notice) the HTTP server stops
   * accepting and lets the requests it is handling finish (up to 10 s); then chat, the event relay and the
   * database close.
   */
  public void shutdown(Duration drain) {
    readiness.stopping();
    leases.close();
    if (!drain.isZero()) {
      try {
        Thread.sleep(drain.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      web.stop();
    } catch (RuntimeException e) {
      // requests still running after the stop timeout: the rest of the shutdown must happen all the same
      log.warn("the HTTP server did not stop cleanly: {}", e.toString());
    }
    try {
      relay.awaitIdle(Duration.ofSeconds(2)); // the last requests' events in the outbox, for the chat to post
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeAfterWeb(slack, discord, relay, indexFollower, client, embedded);
  }

  /** Closes, in this order, what runs behind the HTTP server; each may be null (a start that failed before it). */
  private static void closeAfterWeb(SlackBot slack, DiscordBot discord, EventRelay relay,
      AutoCloseable indexFollower, MongoClient client, EmbeddedMongo embedded) {
    if (slack != null) {
      slack.close();
    }
    if (discord != null) {
      discord.close();
    }
    if (relay != null) {
      relay.close();
    }
    closeQuietly(indexFollower);
    client.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("could not close {}: {}", closeable, e.toString());
    }
  }
}
