package io.claimdesk.app;

import io.claimdesk.web.http.TrustedProxies;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything claimdesk reads from its environment variables, validated at once: a bad start names every bad
 * variable. Secrets are kept out of {@link #toString()}.
 */
public record AppConfig(
    int port,
    String bindAddress,
    String publicBaseUrl,
    String mongodbUri,
    String mongodbDatabase,
    Path dataDir,
    InetSocketAddress embeddedMongoAddress,
    boolean demo,
    String adminEmail,
    String adminPassword,
    String supportAddress,
    String teamName,
    String ingestToken,
    Imap imap,
    Smtp smtp,
    String mailgunSigningKey,
    String postmarkUser,
    String postmarkPassword,
    Slack slack,
    Discord discord,
    Twilio twilio,
    TrustedProxies trustedProxies,
    Duration awayAfter) {

  /** AWAY_AFTER_HOURS at most a year: a larger number is a typo, not a policy. */
  static final int MAX_AWAY_AFTER_HOURS = 24 * 365;

  /** IMAP ingestion; {@code host} null means off. */
  public record Imap(String host, int port, String user, String password, String folder, boolean ssl, int pollSeconds) {}

  /** SMTP for replies; {@code host} null means replies are off. {@code tls} is starttls, ssl or none. */
  public record Smtp(String host, int port, String user, String password, String tls) {}

  /** Slack is on when token and signing secret are set. */
  public record Slack(String botToken, String signingSecret, String channelId, String apiUrl) {
    public boolean enabled() {
      return botToken != null && signingSecret != null;
    }
  }

  /** Discord is on when the bot token is set; {@code apiUrl} ends in {@code /}. */
  public record Discord(String botToken, String channelId, String apiUrl) {
    public boolean enabled() {
      return botToken != null;
    }
  }

  /**
   * The voice line's Twilio settings: the webhooks are on when account SID and auth token are set;
   * {@code ringSeconds} is how long each step of a call rings; the API key and TwiML app serve the browser
   * softphone's tokens.
   */
  public record Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret, String twimlAppSid,
      int ringSeconds) {
    /** Twilio's longest {@code <Dial>} timeout. */
    static final int MAX_RING_SECONDS = 600;

    public boolean enabled() {
      return accountSid != null && authToken != null;
    }
  }

  /** Reads and validates the environment; throws {@link ConfigException} listing every problem. */
  public static AppConfig fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    int port = r.port("PORT", 8080);
    String bindAddress = r.text("BIND_ADDRESS");
    if (bindAddress != null && !ListenAddress.ipLiteral(bindAddress)) {
      r.problems.add("BIND_ADDRESS: must be an IP address of this machine, e.g. 127.0.0.1 behind a proxy, or 0.0.0.0"
          + " for all interfaces (got '" + bindAddress + "')");
    }
    String uri = r.text("MONGODB_URI");
    if (uri != null && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      r.problems.add("MONGODB_URI: must start with mongodb:// or mongodb+srv://");
    }
    String database = r.text("MONGODB_DATABASE", "claimdesk");
    if (!database.matches("[A-Za-z0-9_-]{1,63}")) {
      r.problems.add("MONGODB_DATABASE: must be 1 to 63 letters, digits, '_' or '-' (got '" + database + "')");
    }
    InetSocketAddress embeddedMongoAddress = embeddedMongoAddress(r, uri);
    r.together("ADMIN_EMAIL", "ADMIN_PASSWORD");
    r.together("POSTMARK_INBOUND_USER", "POSTMARK_INBOUND_PASSWORD");
    r.together("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET");
    r.requires("IMAP_HOST", "IMAP_USER");
    r.requires("IMAP_HOST", "IMAP_PASSWORD");
    r.requires("SMTP_HOST", "SUPPORT_ADDRESS");
    r.requires("DISCORD_BOT_TOKEN", "DISCORD_CHANNEL_ID");
    r.snowflake("DISCORD_CHANNEL_ID");
    r.requires("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID");
    r.together("TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "TWILIO_TWIML_APP_SID");

    // read by logback.xml itself, before this runs; checked here so that a typo stops the start with the rest
    r.oneOf("LOG_FORMAT", "text", Set.of("text", "json"));

    AppConfig config = new AppConfig(
        port,
        bindAddress,
        r.url("PUBLIC_BASE_URL", "http://localhost:" + port),
        uri,
        database,
        r.path("DATA_DIR", "./data"),
        embeddedMongoAddress,
        r.bool("DEMO", false),
        r.email("ADMIN_EMAIL"),
        r.password("ADMIN_PASSWORD", 10),
        r.email("SUPPORT_ADDRESS"),
        r.text("TEAM_NAME", "Support"),
        r.secret("INGEST_TOKEN", 16),
        new Imap(r.text("IMAP_HOST"), r.port("IMAP_PORT", 993), r.text("IMAP_USER"), r.text("IMAP_PASSWORD"),
            r.text("IMAP_FOLDER", "INBOX"), r.bool("IMAP_SSL", true), r.positive("IMAP_POLL_SECONDS", 30)),
        new Smtp(r.text("SMTP_HOST"), r.port("SMTP_PORT", 587), r.text("SMTP_USER"), r.text("SMTP_PASSWORD"),
            r.oneOf("SMTP_TLS", "starttls", Set.of("starttls", "ssl", "none"))),
        r.text("MAILGUN_SIGNING_KEY"),
        r.text("POSTMARK_INBOUND_USER"),
        r.text("POSTMARK_INBOUND_PASSWORD"),
        new Slack(r.text("SLACK_BOT_TOKEN"), r.text("SLACK_SIGNING_SECRET"), r.text("SLACK_CHANNEL_ID"),
            r.url("SLACK_API_URL", "https://slack.com/api/") + "/"),
        new Discord(r.text("DISCORD_BOT_TOKEN"), r.text("DISCORD_CHANNEL_ID"),
            r.url("DISCORD_API_URL", "https://discord.com/api/v10/") + "/"),
        // the API key secret signs the softphone's tokens: the SDK refuses keys under 32 bytes
        new Twilio(r.sid("TWILIO_ACCOUNT_SID", "AC"), r.text("TWILIO_AUTH_TOKEN"), r.sid("TWILIO_API_KEY_SID", "SK"),
            r.secret("TWILIO_API_KEY_SECRET", 32), r.sid("TWILIO_TWIML_APP_SID", "AP"), ringSeconds(r)),
        r.trustedProxies("TRUSTED_PROXIES"),
        awayAfter(r));
    if (!r.problems.isEmpty()) {
      throw new ConfigException(r.problems);
    }
    return config;
  }

  /** EMBEDDED_MONGO_ADDRESS: where the embedded database also listens without a password; null when unset. */
  private static InetSocketAddress embeddedMongoAddress(EnvReader r, String mongodbUri) {
    String value = r.text("EMBEDDED_MONGO_ADDRESS");
    if (value == null) {
      return null;
    }
    if (mongodbUri != null) {
      r.problems.add("EMBEDDED_MONGO_ADDRESS: only for the embedded database, and MONGODB_URI is set");
      return null;
    }
    try {
      return ListenAddress.parse(value);
    } catch (IllegalArgumentException e) {
      r.problems.add("EMBEDDED_MONGO_ADDRESS: " + e.getMessage());
      return null;
    }
  }

  /** AWAY_AFTER_HOURS: whole hours, 8 when unset; {@code 0} or {@code off} (null) never sets anyone away. */
  private static Duration awayAfter(EnvReader r) {
    String value = r.text("AWAY_AFTER_HOURS");
    if (value == null) {
      return Duration.ofHours(8);
    }
    if (value.toLowerCase(Locale.ROOT).equals("off") || value.equals("0")) {
      return null;
    }
    try {
      int hours = Integer.parseInt(value);
      if (hours >= 1 && hours <= MAX_AWAY_AFTER_HOURS) {
        return Duration.ofHours(hours);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    r.problems.add("AWAY_AFTER_HOURS: must be a whole number of hours from 1 to " + MAX_AWAY_AFTER_HOURS
        + ", or 0 or off to never set members away (got '" + value + "')");
    return Duration.ofHours(8);
  }

  /** VOICE_RING_SECONDS: 1 to Twilio's most, 600. */
  private static int ringSeconds(EnvReader r) {
    int seconds = r.positive("VOICE_RING_SECONDS", 20);
    if (seconds > Twilio.MAX_RING_SECONDS) {
      r.problems.add("VOICE_RING_SECONDS: must be at most " + Twilio.MAX_RING_SECONDS + " (got " + seconds + ")");
    }
    return seconds;
  }

  /** True when the embedded database is used. */
  public boolean embeddedDatabase() {
    return mongodbUri == null;
  }

  /**
   * The start-up log line: what runs. Secrets never appear.
   */
  @Override
  public String toString() {
    return "AppConfig[port=" + port + (bindAddress == null ? "" : ", bindAddress=" + bindAddress)
        + ", publicBaseUrl=" + publicBaseUrl
        + ", database=" + (embeddedDatabase() ? "embedded in " + dataDir : "MongoDB (MONGODB_URI set)")
        + (embeddedMongoAddress == null ? "" : ", embeddedMongoAddress=" + embeddedMongoAddress.getAddress()
            .getHostAddress() + ":" + embeddedMongoAddress.getPort() + " (no password)")
        + ", mongodbDatabase=" + mongodbDatabase + ", demo=" + demo
        + ", imap=" + (imap.host() == null ? "off" : imap.host() + ":" + imap.port())
        + ", smtp=" + (smtp.host() == null ? "off" : smtp.host() + ":" + smtp.port())
        + ", slack=" + (slack.enabled() ? "on" : "off")
        + ", discord=" + (discord.enabled() ? "on" : "off")
        + ", voice=" + (twilio.enabled() ? "on (ring " + twilio.ringSeconds() + " s)" : "off")
        + ", webhooks=" + webhooks()
        + ", trustedProxies=" + trustedProxies
        + ", awayAfter=" + (awayAfter == null ? "off" : awayAfter.toHours() + " h")
        + ", softphone=" + (twilio.apiKeySid() != null && twilio.accountSid() != null ? "on" : "off")
        + "]";
  }

  /** The inbound-mail webhooks whose credentials are set, each of which is then served. */
  private String webhooks() {
    List<String> on = new ArrayList<>();
    if (ingestToken != null) {
      on.add("raw");
    }
    if (mailgunSigningKey != null) {
      on.add("mailgun");
    }
    if (postmarkUser != null && postmarkPassword != null) {
      on.add("postmark");
    }
    return on.isEmpty() ? "off" : String.join(" ", on);
  }
}
