package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.IngestPipeline;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code 202} with where the mail went: its thread, or the quarantine. */
final class IngestResponses {
  private IngestResponses() {}

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
