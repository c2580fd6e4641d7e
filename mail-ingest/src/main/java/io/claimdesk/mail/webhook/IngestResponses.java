package io.claimdesk.mail.webhook;

import io.claimdesk.core.StoreUnavailableException;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code 202} with where the mail went: its thread, or the quarantine; 503 when the database is away. */
final class IngestResponses {
  private static final Logger log = LoggerFactory.getLogger(IngestResponses.class);

  private IngestResponses() {}

  /**
   * Ingests the mail. A database that does not answer becomes 503, so that the sender tries again later; a mail
   * that the database answers but refuses (a document over its size limit, ...) would fail the same way on every
   * retry, so it is quarantined with its raw source at once: a webhook has no later attempt of its own (the IMAP
   * poller retries a few times before it quarantines).
   */
  static IngestPipeline.Result ingest(IngestPipeline pipeline, RawMail mail, String source) throws IOException {
    try {
      return pipeline.ingest(mail, source);
    } catch (StoreUnavailableException e) {
      log.warn("a mail from {} was not stored: {}", source, e.getMessage());
      throw new ServiceUnavailableResponse("Database is not answering: the mail was not stored, retry later");
    } catch (RuntimeException e) {
      return pipeline.quarantine(mail, source, "cannot store the parsed mail: " + e.getClass().getSimpleName()
          + ": " + e.getMessage());
    }
  }

  static void accepted(Context ctx, IngestPipeline.Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (result instanceof IngestPipeline.Result.Stored stored) {
      json.put("threadId", stored.outcome().threadId());
      json.put("messageId", stored.outcome().messageId());
      json.put("created", stored.outcome().created());
    } else if (result instanceof IngestPipeline.Result.Quarantined quarantined) {
      json.put("quarantined", true);
      json.put("quarantineId", quarantined.quarantineId());
      json.put("error", quarantined.error());
    }
    ctx.status(202).json(json);
  }
}
