package io.claimdesk.voice.softphone;

import java.util.ArrayList;
import java.util.List;

/**
 * What the softphone needs of Twilio: the account, an API key (its secret signs the tokens) and the TwiML app that
 * outgoing calls use. Any may be null; the token endpoint then answers 503 naming what is missing.
 * {@code signalingHost} is null in production (the SDK's own Twilio edge); tests set a loopback {@code host:port}
 * so that the browser never leaves the machine.
 */
public record SoftphoneSettings(String accountSid, String apiKeySid, String apiKeySecret, String twimlAppSid,
    String signalingHost) {

  /** The environment variables that are not set, in the order the README lists them. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (accountSid == null) {
      missing.add("TWILIO_ACCOUNT_SID");
    }
    if (apiKeySid == null) {
      missing.add("TWILIO_API_KEY_SID");
    }
    if (apiKeySecret == null) {
      missing.add("TWILIO_API_KEY_SECRET");
    }
    if (twimlAppSid == null) {
      missing.add("TWILIO_TWIML_APP_SID");
    }
    return missing;
  }

  @Override
  public String toString() {
    return "SoftphoneSettings[accountSid=" + accountSid + ", apiKeySid=" + apiKeySid + ", twimlAppSid="
        + twimlAppSid + ", signalingHost=" + signalingHost + "]";
  }
}
