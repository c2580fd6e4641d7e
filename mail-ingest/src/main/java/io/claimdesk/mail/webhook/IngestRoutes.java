package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.IngestPipeline;
import io.javalin.Javalin;

/** Installs the inbound-mail webhooks that are configured; the others stay absent (404). */
public final class IngestRoutes {
  /** Largest raw mail accepted: a 25 MB attachment is about 34 MB once base64-encoded. */
  public static final long MAX_MAIL_BYTES = 50L * 1024 * 1024;

  private IngestRoutes() {}

  /** {@code ingestToken} null leaves {@code POST /api/ingest/raw} off. */
  public static void install(Javalin app, IngestPipeline pipeline, String ingestToken) {
    if (ingestToken != null) {
      app.post("/api/ingest/raw", new RawIngestController(pipeline, ingestToken, MAX_MAIL_BYTES)::ingest);
    }
  }
}
