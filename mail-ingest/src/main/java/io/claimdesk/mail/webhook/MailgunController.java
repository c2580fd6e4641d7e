package io.claimdesk.mail.webhook;

import io.claimdesk.core.mail.WebhookTokens;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.io.InputStream;
import java.time.Clock;

/**
 * {@code POST /api/ingest/mailgun}: Mailgun's "forward with MIME" post. Its signature travels in the body, so every
 * post is unauthenticated while it is read: it is read as a stream (the mail into a capped temporary file, never
 * the heap), refused as soon as its signature fields are in and wrong, and only while the shared
 * {@link ReceiveBudget} has room (else 503 with {@code Retry-After}). The signature covers only timestamp and token,
 * not the mail, so a token is accepted with one mail only: Mailgun's own retry passes (and the mail is stored once),
 * the same token with another mail is refused as a replay.
 */
public final class MailgunController {
  static final int RETRY_AFTER_SECONDS = 10;
  private final IngestPipeline pipeline;
  private final String signingKey;
  private final WebhookTokens tokens;
  private final Clock clock;
  private final Limits limits;
  private final ReceiveBudget budget;

  /** How much one post may carry, its mail, and all unauthenticated posts being received at once. */
  record Limits(long maxPostBytes, long maxMailBytes, long maxReceivingBytes) {}

  MailgunController(IngestPipeline pipeline, String signingKey, WebhookTokens tokens, Clock clock, Limits limits) {
    this.pipeline = pipeline;
    this.signingKey = signingKey;
    this.tokens = tokens;
    this.clock = clock;
    this.limits = limits;
    this.budget = new ReceiveBudget(limits.maxReceivingBytes());
  }

  public void ingest(Context ctx) throws Exception {
    // a declared length over the limit never gets here: the HTTP server answers 413 before (BODY_LIMITS)
    long declared = ctx.req().getContentLengthLong();
    long size = declared >= 0 ? declared : limits.maxPostBytes();
    if (!budget.tryReserve(size)) {
      ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).status(503)
          .json(java.util.Map.of("error", "Too many mails are being received at once: retry later"));
      return;
    }
    RawMail mail;
    String token;
    try (MailgunForm form = new MailgunForm(limits.maxMailBytes(), this::signatureProblem)) {
      form.read(ctx.header("Content-Type"), ctx.req().getInputStream(), size);
      String problem = signatureProblem(form);
      if (problem != null) {
        throw new UnauthorizedResponse(problem);
      }
      token = form.field("token");
      mail = form.mime();
    } catch (MailgunForm.Refused e) {
      throw new UnauthorizedResponse(e.getMessage());
    } catch (MailgunForm.Malformed e) {
      throw new BadRequestResponse(e.getMessage());
    } catch (RawMail.TooLarge e) {
      throw new ContentTooLargeResponse("Mailgun post or its body-mime is larger than " + e.maxBytes() + " bytes");
    } finally {
      budget.release(size);
    }
    try {
      if (mail == null || mail.size() == 0) {
        throw new BadRequestResponse("Missing body-mime: use a Mailgun route with forward() to the MIME endpoint");
      }
      String fingerprint;
      try (InputStream in = mail.open()) {
        fingerprint = MailgunSignature.fingerprint(signingKey, in);
      }
      if (!tokens.accept("mailgun:" + token, fingerprint)) {
        throw new UnauthorizedResponse("Mailgun token already used for another mail: replayed request");
      }
      IngestResponses.accepted(ctx, IngestResponses.ingest(pipeline, mail, "webhook:mailgun"));
    } finally {
      if (mail != null) {
        mail.discard();
      }
    }
  }

  private String signatureProblem(MailgunForm form) {
    return MailgunSignature.problem(signingKey, form.field("timestamp"), form.field("token"),
        form.field("signature"), clock.instant());
  }
}
