package io.claimdesk.mail.ingest;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw mail in a file, from any source (IMAP, webhooks), to its thread: a mail whose Message-ID is already stored
 * is recognized from its headers alone (no second copy of its attachments), anything else is parsed and stored,
 * and what cannot be parsed at all is quarantined. When this returns, the outcome is durable.
 */
public final class IngestPipeline {
  private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

  /** What happened to one raw mail. */
  public sealed interface Result {
    record Stored(MailIngestService.Outcome outcome) implements Result {}

    record Quarantined(String quarantineId, String error) implements Result {}
  }

  private final MimeParser parser;
  private final MailIngestService ingest;
  private final MessageIndex messageIds;
  private final AttachmentStore attachments;
  private final Quarantine quarantine;
  private final String mailbox;

  public IngestPipeline(MimeParser parser, MailIngestService ingest, MessageIndex messageIds,
      AttachmentStore attachments, Quarantine quarantine, String mailbox) {
    this.parser = parser;
    this.ingest = ingest;
    this.messageIds = messageIds;
    this.attachments = attachments;
    this.quarantine = quarantine;
    this.mailbox = mailbox;
  }

  /** Ingests the raw mail in {@code raw}; {@code source} names where it came from, for the quarantine. */
  public Result ingest(Path raw, String source) throws IOException {
    Optional<String> declared = parser.declaredMessageId(raw);
    if (declared.isPresent()) {
      Optional<MessageIndex.Entry> known = messageIds.find(declared.get());
      if (known.isPresent() && known.get().stored()) {
        return new Result.Stored(new MailIngestService.Outcome(known.get().threadId(), declared.get(), false));
      }
    }
    ParseResult parsed = parser.parse(raw, attachments);
    if (parsed instanceof ParseResult.Parsed ok) {
      return new Result.Stored(ingest.ingest(ok.mail(), mailbox));
    }
    String error = ((ParseResult.Unparseable) parsed).reason();
    String id;
    try (InputStream in = Files.newInputStream(raw)) {
      id = quarantine.keep(in, source, error);
    }
    log.warn("quarantined a mail from {} as {}: {}", source, id, error);
    return new Result.Quarantined(id, error);
  }
}
