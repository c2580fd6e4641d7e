package io.claimdesk.core.mail;

/**
 * Webhook tokens already used, so that a captured signed request cannot carry another mail. A provider's retry of
 * the same request (same token, same payload) stays welcome: the mail is then stored once by its Message-ID.
 */
public interface WebhookTokens {

  /**
   * True when the token is new, or was used before with this same payload fingerprint; false when it was used
   * with a different payload (also across instances sharing the database).
   */
  boolean accept(String token, String payloadFingerprint);
}
