package io.claimdesk.mail.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * {@code POST /api/ingest/postmark}: Postmark's inbound JSON with {@code RawEmail} (the "include raw email
 * content" option), behind HTTP basic auth put in the webhook URL.
 */
public final class PostmarkController {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final IngestPipeline pipeline;
  private final byte[] expectedAuth;

  public PostmarkController(IngestPipeline pipeline, String user, String password) {
    this.pipeline = pipeline;
    this.expectedAuth = ("Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
  }

  public void ingest(Context ctx) throws Exception {
    String header = ctx.header("Authorization");
    if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuth)) {
      ctx.header("WWW-Authenticate", "Basic realm=\"claimdesk inbound\"");
      throw new UnauthorizedResponse("Invalid Postmark credentials");
    }
    JsonNode body;
    try {
      body = JSON.readTree(ctx.bodyInputStream());
    } catch (JsonProcessingException e) { // not any IOException: a body over its limit must stay a 413
      throw new BadRequestResponse("Malformed JSON body");
    }
    JsonNode raw = body == null ? null : body.get("RawEmail");
    if (raw == null || !raw.isTextual() || raw.asText().isBlank()) {
      throw new BadRequestResponse("Missing RawEmail: turn on 'Include raw email content' for the inbound stream");
    }
    RawMail mail = RawMail.of(raw.asText().getBytes(StandardCharsets.UTF_8));
    try {
      IngestResponses.accepted(ctx, pipeline.ingest(mail, "webhook:postmark"));
    } finally {
      mail.discard();
    }
  }
}
