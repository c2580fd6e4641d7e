package io.claimdesk.mail.webhook;

import io.claimdesk.core.mail.WebhookTokens;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code POST /api/ingest/mailgun}: Mailgun's "forward with MIME" post. The signature covers only timestamp and
 * token, not the mail, so a token is accepted with one mail only: Mailgun's own retry passes (and the mail is
 * stored once), the same token with another mail is refused as a replay.
 */
public final class MailgunController {
  private final IngestPipeline pipeline;
  private final String signingKey;
  private final WebhookTokens tokens;
  private final Clock clock;

  public MailgunController(IngestPipeline pipeline, String signingKey, WebhookTokens tokens, Clock clock) {
    this.pipeline = pipeline;
    this.signingKey = signingKey;
    this.tokens = tokens;
    this.clock = clock;
  }

  public void ingest(Context ctx) throws Exception {
    String token = ctx.formParam("token");
    String problem = MailgunSignature.problem(signingKey, ctx.formParam("timestamp"), token,
        ctx.formParam("signature"), clock.instant());
    if (problem != null) {
      throw new UnauthorizedResponse(problem);
    }
    String mime = ctx.formParam("body-mime");
    if (mime == null || mime.isBlank()) {
      throw new BadRequestResponse("Missing body-mime: use a Mailgun route with forward() to the MIME endpoint");
    }
    if (!tokens.accept("mailgun:" + token, MailgunSignature.sign(signingKey, mime))) {
      throw new UnauthorizedResponse("Mailgun token already used for another mail: replayed request");
    }
    RawMail mail = RawMail.of(mime.getBytes(StandardCharsets.UTF_8));
    try {
      IngestResponses.accepted(ctx, pipeline.ingest(mail, "webhook:mailgun"));
    } finally {
      mail.discard();
    }
  }
}
