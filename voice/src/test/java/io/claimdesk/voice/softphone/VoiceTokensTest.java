package io.claimdesk.voice.softphone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class VoiceTokensTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final SoftphoneSettings SETTINGS = new SoftphoneSettings("AC" + "1".repeat(32), "SK" + "2".repeat(32),
      SECRET, "AP" + "3".repeat(32), null);

  @Test
  void tokenLivesAnHourAndGrantsIncomingCallsAndTheTwimlAppToTheMembersIdentity() throws Exception {
    long before = System.currentTimeMillis() / 1000;
    VoiceTokens.Issued issued = new VoiceTokens(SETTINGS).issue("65f0a1b2c3d4e5f601234567");
    long after = (System.currentTimeMillis() + 999) / 1000;

    assertThat(issued.identity()).isEqualTo("agent_65f0a1b2c3d4e5f601234567");
    assertThat(issued.ttlSeconds()).isEqualTo(3600);
    JsonNode payload = payload(issued.token());
    System.out.println("token payload: " + payload);
    // Twilio's tokens carry no iat (and nbf only when asked for, which clock skew could make Twilio refuse): the
    // lifetime is measured from the issuing moment, which lies between the two readings of the clock
    long issuedAt = payload.get("exp").asLong() - 3600;
    System.out.println("exp - 3600 = " + issuedAt + ", clock read " + before + " and " + after);
    assertThat(issuedAt).isBetween(before, after);
    assertThat(payload.has("nbf")).isFalse();
    assertThat(payload.get("iss").asText()).isEqualTo(SETTINGS.apiKeySid());
    assertThat(payload.get("sub").asText()).isEqualTo(SETTINGS.accountSid());
    JsonNode grants = payload.get("grants");
    assertThat(grants.get("identity").asText()).isEqualTo("agent_65f0a1b2c3d4e5f601234567");
    assertThat(grants.at("/voice/incoming/allow").asBoolean()).isTrue();
    assertThat(grants.at("/voice/outgoing/application_sid").asText()).isEqualTo(SETTINGS.twimlAppSid());
  }

  @Test
  void tokenIsSignedWithTheApiKeySecret() throws Exception {
    String[] parts = new VoiceTokens(SETTINGS).issue("65f0a1b2c3d4e5f601234567").token().split("\\.");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    assertThat(new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText())
        .isEqualTo("HS256");
  }

  @Test
  void missingSettingsAreNamedByTheirEnvironmentVariables() {
    assertThat(new SoftphoneSettings(null, null, null, null, null).missing()).containsExactly("TWILIO_ACCOUNT_SID",
        "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "TWILIO_TWIML_APP_SID");
    assertThat(new SoftphoneSettings(null, "SK1", SECRET, "AP1", null).missing()).containsExactly("TWILIO_ACCOUNT_SID");
    assertThat(SETTINGS.missing()).isEmpty();
    assertThat(SETTINGS.toString()).doesNotContain(SECRET);
  }

  static JsonNode payload(String jwt) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}
