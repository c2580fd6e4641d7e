package io.claimdesk.mail.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mailgun's webhook signature: hex HMAC-SHA256 of timestamp + token with the signing key. */
final class MailgunSignature {
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private MailgunSignature() {}

  /** Null when the request is genuine and fresh, else why it is refused. */
  static String problem(String signingKey, String timestamp, String token, String signature, Instant now) {
    if (timestamp == null || token == null || signature == null) {
      return "Missing Mailgun signature fields";
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return "Invalid Mailgun timestamp";
    }
    if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
      return "Mailgun timestamp is more than 5 minutes away";
    }
    byte[] expected = sign(signingKey, timestamp + token).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
      return "Invalid Mailgun signature";
    }
    return null;
  }

  static String sign(String key, String data) {
    return HexFormat.of().formatHex(mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }

  /** The same HMAC over a mail's bytes, read as a stream: what ties a token to the one mail it came with. */
  static String fingerprint(String key, InputStream mail) throws IOException {
    Mac mac = mac(key);
    byte[] buffer = new byte[64 * 1024];
    for (int n = mail.read(buffer); n >= 0; n = mail.read(buffer)) {
      mac.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }

  private static Mac mac(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
