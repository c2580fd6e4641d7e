package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void emptyEnvironmentShouldGiveTheDocumentedDefaults() {
    AppConfig config = AppConfig.fromEnv(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.publicBaseUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.mongodbDatabase()).isEqualTo("claimdesk");
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.demo()).isFalse();
    assertThat(config.imap().folder()).isEqualTo("INBOX");
    assertThat(config.imap().port()).isEqualTo(993);
    assertThat(config.imap().ssl()).isTrue();
    assertThat(config.imap().pollSeconds()).isEqualTo(30);
    assertThat(config.smtp().port()).isEqualTo(587);
    assertThat(config.smtp().tls()).isEqualTo("starttls");
    assertThat(config.slack().apiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(config.slack().enabled()).isFalse();
  }

  @Test
  void publicBaseUrlShouldFollowThePort() {
    AppConfig config = AppConfig.fromEnv(Map.of("PORT", "9090", "DEMO", "true", "MONGODB_URI", "mongodb://db:27017"));

    assertThat(config.publicBaseUrl()).isEqualTo("http://localhost:9090");
    assertThat(config.demo()).isTrue();
    assertThat(config.embeddedDatabase()).isFalse();
  }

  @Test
  void startShouldFailNamingEveryBadVariable() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", "eighty"),
        Map.entry("DEMO", "maybe"),
        Map.entry("MONGODB_URI", "http://db"),
        Map.entry("PUBLIC_BASE_URL", "localhost"),
        Map.entry("ADMIN_EMAIL", "not-an-email"),
        Map.entry("SMTP_TLS", "tls"),
        Map.entry("SMTP_HOST", "smtp.example.com"),
        Map.entry("SLACK_BOT_TOKEN", "xoxb-secret-token-value"),
        Map.entry("IMAP_POLL_SECONDS", "0"),
        Map.entry("IMAP_PORT", "99999"))));

    assertThat(e.problems()).hasSize(11);
    assertThat(e.getMessage())
        .contains("PORT: must be a port number from 1 to 65535 (got 'eighty')")
        .contains("DEMO: must be true or false (got 'maybe')")
        .contains("MONGODB_URI: must start with mongodb:// or mongodb+srv://")
        .contains("PUBLIC_BASE_URL: must be an http:// or https:// URL (got 'localhost')")
        .contains("ADMIN_EMAIL: must be an email address (got 'not-an-email')")
        .contains("ADMIN_PASSWORD: must be set together with ADMIN_EMAIL")
        .contains("SMTP_TLS: must be one of none, ssl, starttls (got 'tls')")
        .contains("SUPPORT_ADDRESS: must be set when SMTP_HOST is set")
        .contains("SLACK_SIGNING_SECRET: must be set together with SLACK_BOT_TOKEN")
        .contains("IMAP_POLL_SECONDS: must be a positive whole number (got '0')")
        .contains("IMAP_PORT: must be a port number from 1 to 65535 (got '99999')");
  }

  @Test
  void secretsShouldNeverAppearInMessagesOrToString() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> AppConfig.fromEnv(Map.of(
        "ADMIN_EMAIL", "root@example.com", "ADMIN_PASSWORD", "short-pw", "INGEST_TOKEN", "tiny-secret")));
    assertThat(e.getMessage()).contains("ADMIN_PASSWORD: must be at least 10 characters long")
        .contains("INGEST_TOKEN: must be at least 16 characters long")
        .doesNotContain("short-pw").doesNotContain("tiny-secret");

    AppConfig config = AppConfig.fromEnv(Map.of("ADMIN_EMAIL", "root@example.com",
        "ADMIN_PASSWORD", "a-long-admin-password", "SLACK_BOT_TOKEN", "xoxb-very-secret",
        "SLACK_SIGNING_SECRET", "signing-very-secret", "MONGODB_URI", "mongodb://user:dbpass@db/claimdesk"));
    assertThat(config.toString()).doesNotContain("a-long-admin-password").doesNotContain("xoxb-very-secret")
        .doesNotContain("signing-very-secret").doesNotContain("dbpass").contains("slack=on");
  }

  @Test
  void theStartLineShouldNameOnlyWhatIsBuilt() {
    AppConfig plain = AppConfig.fromEnv(Map.of());
    assertThat(plain.toString()).contains("database=embedded in").contains("imap=off").contains("smtp=off")
        .contains("slack=off").contains("discord=off").contains("webhooks=off")
        .contains("voice=off").doesNotContain("twilio").doesNotContain("not built");

    AppConfig everything = AppConfig.fromEnv(Map.ofEntries(
        Map.entry("DISCORD_BOT_TOKEN", "discord-very-secret"), Map.entry("DISCORD_CHANNEL_ID", "900000000000000002"),
        Map.entry("TWILIO_ACCOUNT_SID", "AC123"),
        Map.entry("TWILIO_AUTH_TOKEN", "twilio-very-secret"), Map.entry("INGEST_TOKEN", "ingest-token-0123456789"),
        Map.entry("MAILGUN_SIGNING_KEY", "mailgun-very-secret"), Map.entry("POSTMARK_INBOUND_USER", "postmark"),
        Map.entry("POSTMARK_INBOUND_PASSWORD", "postmark-very-secret")));
    assertThat(everything.toString())
        .contains("webhooks=raw mailgun postmark")
        .contains("discord=on").contains("voice=on (ring 20 s)")
        .doesNotContain("not built").doesNotContain("twilio=on")
        .doesNotContain("very-secret").doesNotContain("ingest-token-0123456789");
  }

  @Test
  void ringSecondsShouldBeAWholeNumberUpToTwiliosLimit() {
    assertThat(AppConfig.fromEnv(Map.of("VOICE_RING_SECONDS", "35")).twilio().ringSeconds()).isEqualTo(35);
    ConfigException tooLong = catchThrowableOfType(ConfigException.class,
        () -> AppConfig.fromEnv(Map.of("VOICE_RING_SECONDS", "601")));
    assertThat(tooLong.problems()).containsExactly("VOICE_RING_SECONDS: must be at most 600 (got 601)");
    ConfigException notANumber = catchThrowableOfType(ConfigException.class,
        () -> AppConfig.fromEnv(Map.of("VOICE_RING_SECONDS", "soon")));
    assertThat(notANumber.problems()).hasSize(1).allSatisfy(p -> assertThat(p).startsWith("VOICE_RING_SECONDS: "));
  }

  @Test
  void awayAfterHoursShouldDefaultToEightAndBeOffWithZeroOrOff() {
    assertThat(AppConfig.fromEnv(Map.of()).awayAfter()).isEqualTo(Duration.ofHours(8));
    assertThat(AppConfig.fromEnv(Map.of("AWAY_AFTER_HOURS", "3")).awayAfter()).isEqualTo(Duration.ofHours(3));
    assertThat(AppConfig.fromEnv(Map.of("AWAY_AFTER_HOURS", "0")).awayAfter()).isNull();
    assertThat(AppConfig.fromEnv(Map.of("AWAY_AFTER_HOURS", "OFF")).awayAfter()).isNull();
    assertThat(AppConfig.fromEnv(Map.of()).toString()).contains("awayAfter=8 h");
    for (String bad : new String[] {"8h", "-1", "1.5", "8761"}) {
      ConfigException e = catchThrowableOfType(ConfigException.class,
          () -> AppConfig.fromEnv(Map.of("AWAY_AFTER_HOURS", bad)));
      assertThat(e.problems()).containsExactly("AWAY_AFTER_HOURS: must be a whole number of hours from 1 to 8760, "
          + "or 0 or off to never set members away (got '" + bad + "')");
    }
  }

  @Test
  void discordNeedsAChannelIdThatIsADiscordIdAndDefaultsToDiscordsApi() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DISCORD_BOT_TOKEN", "t")))
        .hasMessageContaining("DISCORD_CHANNEL_ID: must be set when DISCORD_BOT_TOKEN is set");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_CHANNEL_ID", "#support")))
        .hasMessageContaining("DISCORD_CHANNEL_ID: must be a Discord id, 17 to 20 digits (got '#support')");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_CHANNEL_ID",
        "900000000000000002", "DISCORD_API_URL", "discord.com"))).hasMessageContaining("DISCORD_API_URL: must be");
    AppConfig config = AppConfig.fromEnv(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_CHANNEL_ID", "900000000000000002"));
    assertThat(config.discord().enabled()).isTrue();
    assertThat(config.discord().apiUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(AppConfig.fromEnv(Map.of()).discord().enabled()).isFalse();
  }

  @Test
  void adminPasswordOverSeventyTwoBytesShouldStopTheStartWithOneMessage() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> AppConfig.fromEnv(Map.of(
        "ADMIN_EMAIL", "root@example.com", "ADMIN_PASSWORD", "p".repeat(80))));

    assertThat(e.problems()).containsExactly("ADMIN_PASSWORD: must be at most 72 bytes (UTF-8)");
    assertThat(e.getMessage()).doesNotContain("p".repeat(80));
    assertThat(AppConfig.fromEnv(Map.of("ADMIN_EMAIL", "root@example.com", "ADMIN_PASSWORD", "p".repeat(72)))
        .adminPassword()).hasSize(72);
  }

  @Test
  void trustedProxiesShouldBeNoneByDefaultAndRefuseWhatIsNoAddressOrBlock() {
    assertThat(AppConfig.fromEnv(Map.of()).trustedProxies().toString()).isEqualTo("none");
    assertThat(AppConfig.fromEnv(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, ::1")).trustedProxies()
        .client("10.1.1.1", java.util.List.of("203.0.113.5"))).isEqualTo("203.0.113.5");

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> AppConfig.fromEnv(Map.of("TRUSTED_PROXIES", "10.0.0.0/8,proxy.internal")));
    assertThat(e.problems()).containsExactly("TRUSTED_PROXIES: 'proxy.internal' is not an IP address or CIDR block"
        + " (expected comma-separated IPs or CIDRs, like 10.0.0.0/8,::1)");
  }

  @Test
  void bindAddressShouldDefaultToEveryInterfaceAndAcceptOnlyIpAddresses() {
    assertThat(AppConfig.fromEnv(Map.of()).bindAddress()).isNull();
    assertThat(AppConfig.fromEnv(Map.of("BIND_ADDRESS", "127.0.0.1")).bindAddress()).isEqualTo("127.0.0.1");
    assertThat(AppConfig.fromEnv(Map.of("BIND_ADDRESS", "::1")).bindAddress()).isEqualTo("::1");
    assertThat(AppConfig.fromEnv(Map.of("BIND_ADDRESS", "127.0.0.1")).toString()).contains("bindAddress=127.0.0.1");

    for (String bad : new String[] {"localhost", "example.com", "127.0.0", "1.2.3.4.5", "::g", "999.1.1.1"}) {
      ConfigException e = catchThrowableOfType(ConfigException.class,
          () -> AppConfig.fromEnv(Map.of("BIND_ADDRESS", bad)));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.problems()).containsExactly("BIND_ADDRESS: must be an IP address of this machine, e.g. 127.0.0.1"
          + " behind a proxy, or 0.0.0.0 for all interfaces (got '" + bad + "')");
    }
  }
}
