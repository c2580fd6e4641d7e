package io.claimdesk.bot.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Signs requests the way Slack does ({@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}, lowercase hex),
 * and builds the form bodies Slack posts to an app (interactions and slash commands).
 */
public final class SlackSigner {

  /** Header carrying the request time in epoch seconds. */
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  /** Header carrying the {@code v0=} signature. */
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";

  private final SecretKeySpec key;

  /** A signer for the app's signing secret. */
  public SlackSigner(String signingSecret) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.isEmpty()) {
      throw new IllegalArgumentException("signing secret is empty");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The {@code v0=<hex>} signature of {@code body} sent at {@code epochSeconds}. */
  public String signature(String body, long epochSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(("v0:" + epochSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The two Slack headers (timestamp, signature) for {@code body} sent at {@code epochSeconds}. */
  public Map<String, String> headers(String body, long epochSeconds) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIMESTAMP_HEADER, Long.toString(epochSeconds));
    headers.put(SIGNATURE_HEADER, signature(body, epochSeconds));
    return headers;
  }

  /** The two Slack headers for {@code body} sent now. */
  public Map<String, String> headers(String body) {
    return headers(body, Instant.now().getEpochSecond());
  }

  /** The form body of an interaction (block_actions, view_submission): {@code payload=<url-encoded JSON>}. */
  public static String interactionBody(String payloadJson) {
    return "payload=" + encode(payloadJson);
  }

  /** A {@code application/x-www-form-urlencoded} body of {@code fields}, in iteration order. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue() == null ? "" : e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
