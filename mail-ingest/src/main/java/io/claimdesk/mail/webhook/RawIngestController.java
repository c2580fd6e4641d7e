package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /api/ingest/raw}: one raw RFC 5322 mail as the body ({@code Content-Type: message/rfc822}),
 * {@code Authorization: Bearer $INGEST_TOKEN}. Answers 202 once the mail is stored or quarantined.
 */
public final class RawIngestController {
  private final IngestPipeline pipeline;
  private final byte[] token;
  private final long maxBytes;

  public RawIngestController(IngestPipeline pipeline, String token, long maxBytes) {
    this.pipeline = pipeline;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.maxBytes = maxBytes;
  }

  public void ingest(Context ctx) throws Exception {
    String header = ctx.header("Authorization");
    byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) { // constant time: no timing hints about the token
      throw new UnauthorizedResponse("Invalid ingest token");
    }
    RawMail raw;
    try {
      raw = RawMail.read(ctx.bodyInputStream(), maxBytes);
    } catch (RawMail.TooLarge e) {
      throw new ContentTooLargeResponse(e.getMessage());
    }
    try {
      IngestResponses.accepted(ctx, IngestResponses.ingest(pipeline, raw, "webhook:raw"));
    } finally {
      raw.discard();
    }
  }
}
