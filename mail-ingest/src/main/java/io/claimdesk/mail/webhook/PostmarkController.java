package io.claimdesk.mail.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * {@code POST /api/ingest/postmark}: Postmark's inbound JSON with {@code RawEmail} (the "include raw email
 * content" option, the mail's source as a JSON string), behind HTTP basic auth put in the webhook URL. The
 * credentials are checked before the body is read; the body is then read with Jackson's streaming parser, every
 * other field skipped, and {@code RawEmail} written into a capped spool, never made into a String.
 */
public final class PostmarkController {
  private final JsonFactory json;
  private final IngestPipeline pipeline;
  private final byte[] expectedAuth;
  private final long maxPostBytes;
  private final long maxMailBytes;

  PostmarkController(IngestPipeline pipeline, String user, String password, long maxPostBytes, long maxMailBytes) {
    this.pipeline = pipeline;
    this.expectedAuth = ("Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    this.maxPostBytes = maxPostBytes;
    this.maxMailBytes = maxMailBytes;
    // Jackson refuses strings over 20 M characters by default: a whole mail is one
    this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxPostBytes)).build()).build();
  }

  public void ingest(Context ctx) throws Exception {
    String header = ctx.header("Authorization");
    if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuth)) {
      ctx.header("WWW-Authenticate", "Basic realm=\"claimdesk inbound\"");
      throw new UnauthorizedResponse("Invalid Postmark credentials");
    }
    RawMail mail = null;
    try {
      mail = rawEmail(ctx);
      if (mail == null || mail.size() == 0) {
        throw new BadRequestResponse(
            "Missing RawEmail: turn on 'Include raw email content' for the inbound stream");
      }
      IngestResponses.accepted(ctx, IngestResponses.ingest(pipeline, mail, "webhook:postmark"));
    } finally {
      if (mail != null) {
        mail.discard();
      }
    }
  }

  /** The body's top-level {@code RawEmail}, spooled as UTF-8; null when it has none. */
  private RawMail rawEmail(Context ctx) throws Exception {
    RawMail mail = null;
    try (JsonParser parser = json.createParser(new CappedBody(ctx.req().getInputStream(), maxPostBytes))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequestResponse("Malformed JSON body: expected an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("RawEmail".equals(field) && value == JsonToken.VALUE_STRING && mail == null) {
          try (RawMail.Spool spool = new RawMail.Spool(maxMailBytes);
              Writer out = new OutputStreamWriter(spool, StandardCharsets.UTF_8)) {
            parser.getText(out);
            out.flush();
            mail = spool.done();
          }
        } else {
          parser.skipChildren();
        }
      }
      return mail;
    } catch (RawMail.TooLarge e) {
      discard(mail);
      throw new ContentTooLargeResponse("Postmark post or its RawEmail is larger than " + e.maxBytes() + " bytes");
    } catch (JsonProcessingException e) {
      discard(mail);
      throw new BadRequestResponse("Malformed JSON body");
    }
  }

  private static void discard(RawMail mail) throws java.io.IOException {
    if (mail != null) {
      mail.discard();
    }
  }
}
