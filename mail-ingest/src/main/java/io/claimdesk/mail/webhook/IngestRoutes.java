package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.core.mail.WebhookTokens;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;

/** Installs the inbound-mail webhooks that are configured; the others stay absent (404). */
public final class IngestRoutes {
  /** Largest raw mail accepted: a 25 MB attachment is about 34 MB once base64-encoded. */
  public static final long MAX_MAIL_BYTES = 50L * 1024 * 1024;
  /**
   * Largest Mailgun or Postmark post: the mail travels inside a form field or a JSON string, whose escaping of
   * line ends, quotes and base64's '+' '/' '=' makes it bigger than the mail itself.
   */
  public static final long MAX_WEBHOOK_BYTES = MAX_MAIL_BYTES + MAX_MAIL_BYTES / 2;
  /** The body limit of each webhook's path, for the HTTP server to hold before the body is read. */
  public static final Map<String, Long> BODY_LIMITS = Map.of("/api/ingest/raw", MAX_MAIL_BYTES,
      "/api/ingest/mailgun", MAX_WEBHOOK_BYTES, "/api/ingest/postmark", MAX_WEBHOOK_BYTES);
  /**
   * Bytes all unauthenticated posts (Mailgun's, whose signature is in the body) may be sending at once: four whole
   * posts. Past it a post gets 503 with Retry-After before anything of it is read.
   */
  static final long MAX_RECEIVING_BYTES = 4 * MAX_WEBHOOK_BYTES;

  private IngestRoutes() {}

  /** Which webhooks are on: each credential left null leaves its endpoint off (404). */
  public record Credentials(String ingestToken, String mailgunSigningKey, String postmarkUser,
      String postmarkPassword) {}

  public static void install(Javalin app, IngestPipeline pipeline, Credentials credentials, WebhookTokens tokens,
      Clock clock) {
    if (credentials.ingestToken() != null) {
      app.post("/api/ingest/raw", new RawIngestController(pipeline, credentials.ingestToken(), MAX_MAIL_BYTES)::ingest);
    }
    if (credentials.mailgunSigningKey() != null) {
      app.post("/api/ingest/mailgun", new MailgunController(pipeline, credentials.mailgunSigningKey(), tokens, clock,
          new MailgunController.Limits(MAX_WEBHOOK_BYTES, MAX_MAIL_BYTES, MAX_RECEIVING_BYTES))::ingest);
    }
    if (credentials.postmarkUser() != null && credentials.postmarkPassword() != null) {
      app.post("/api/ingest/postmark", new PostmarkController(pipeline, credentials.postmarkUser(),
          credentials.postmarkPassword(), MAX_WEBHOOK_BYTES, MAX_MAIL_BYTES)::ingest);
    }
  }
}
