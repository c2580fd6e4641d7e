package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The softphone's Twilio variables are checked at start, each with its own message, and never echo the secret. */
class SoftphoneConfigTest {
  static final Map<String, String> GOOD = Map.of(
      "TWILIO_ACCOUNT_SID", "AC" + "a".repeat(32),
      "TWILIO_API_KEY_SID", "SK" + "b".repeat(32),
      "TWILIO_API_KEY_SECRET", "s".repeat(32),
      "TWILIO_TWIML_APP_SID", "AP" + "c".repeat(32));

  @Test
  void wellFormedSoftphoneVariablesAreReadAndTheSoftphoneReportedOn() {
    AppConfig config = AppConfig.fromEnv(GOOD);
    assertThat(config.twilio().apiKeySid()).isEqualTo("SK" + "b".repeat(32));
    assertThat(config.twilio().twimlAppSid()).isEqualTo("AP" + "c".repeat(32));
    assertThat(config.toString()).contains("softphone=on").doesNotContain("s".repeat(32));
    assertThat(AppConfig.fromEnv(Map.of()).toString()).contains("softphone=off");
  }

  @Test
  void sidsWithTheWrongPrefixAndAShortSecretAreEachNamed() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> AppConfig.fromEnv(Map.of(
        "TWILIO_ACCOUNT_SID", "SK" + "a".repeat(32),
        "TWILIO_API_KEY_SID", "AC" + "b".repeat(32),
        "TWILIO_API_KEY_SECRET", "short-secret-of-31-characters..",
        "TWILIO_TWIML_APP_SID", "PN" + "c".repeat(32))));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        "TWILIO_ACCOUNT_SID: must be a Twilio SID starting with AC (got 'SK" + "a".repeat(32) + "')",
        "TWILIO_API_KEY_SID: must be a Twilio SID starting with SK (got 'AC" + "b".repeat(32) + "')",
        "TWILIO_API_KEY_SECRET: must be at least 32 characters long",
        "TWILIO_TWIML_APP_SID: must be a Twilio SID starting with AP (got 'PN" + "c".repeat(32) + "')");
    assertThat(e.getMessage()).doesNotContain("short-secret");
  }
}
