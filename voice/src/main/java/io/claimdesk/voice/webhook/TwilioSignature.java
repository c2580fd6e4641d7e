package io.claimdesk.voice.webhook;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature}: Twilio signs the URL it posted to (ours: the public base URL and the path) and
 * the form's fields with the account's auth token. The SDK's validator also accepts the URL with or without the
 * scheme's default port, as Twilio may sign either.
 */
final class TwilioSignature {
  private final RequestValidator validator;
  private final String baseUrl;

  TwilioSignature(String authToken, String publicBaseUrl) {
    this.validator = new RequestValidator(authToken);
    this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /** True when {@code signature} signs this path, query and form; false for a missing or wrong one. */
  boolean valid(String path, String query, Map<String, String> form, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    String url = baseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
    return validator.validate(url, form, signature);
  }
}
