package io.claimdesk.mail.ingest;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way in for raw mail, from every source (IMAP, the raw, Mailgun and Postmark webhooks): a mail whose
 * Message-ID is already stored is recognized from its headers alone (no second copy of its attachments), anything
 * else is parsed and stored on its thread, and what cannot be parsed at all is quarantined. When this returns, the
 * outcome is as durable as the stores' writes: on disk with journaled stores (the webhooks' answer says so); with
 * the IMAP poller's unjournaled ones, once its checkpoint is saved.
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
  private final IngestCounts counts = new IngestCounts();

  public IngestPipeline(MimeParser parser, MailIngestService ingest, MessageIndex messageIds,
      AttachmentStore attachments, Quarantine quarantine, String mailbox) {
    this.parser = parser;
    this.ingest = ingest;
    this.messageIds = messageIds;
    this.attachments = attachments;
    this.quarantine = quarantine;
    this.mailbox = mailbox;
  }

  /** What this pipeline has done so far. */
  public IngestCounts counts() {
    return counts;
  }

  /** Ingests the raw mail {@code raw}; {@code source} names where it came from, for the quarantine and the logs. */
  public Result ingest(RawMail raw, String source) throws IOException {
    Optional<String> declared = raw instanceof RawMail.InMemory m ? parser.declaredMessageId(m.bytes())
        : parser.declaredMessageId(((RawMail.InFile) raw).path());
    Optional<MessageIndex.Entry> known = declared.flatMap(messageIds::find);
    if (known.isPresent() && known.get().stored()) {
      counts.record(source, IngestCounts.Outcome.DUPLICATE);
      return new Result.Stored(new MailIngestService.Outcome(known.get().threadId(), declared.get(), false));
    }
    ParseResult parsed = raw instanceof RawMail.InMemory m ? parser.parse(m.bytes(), attachments)
        : parser.parse(((RawMail.InFile) raw).path(), attachments);
    if (parsed instanceof ParseResult.Parsed ok) {
      MailIngestService.Outcome outcome = ingest.ingest(ok.mail(), mailbox);
      counts.record(source, outcome.created() ? IngestCounts.Outcome.STORED : IngestCounts.Outcome.DUPLICATE);
      return new Result.Stored(outcome);
    }
    return quarantine(raw, source, ((ParseResult.Unparseable) parsed).reason());
  }

  /**
   * Keeps a mail that cannot be stored in the quarantine, with the error, for an admin to see: its raw bytes, or
   * none ({@code raw} null) when even fetching it failed.
   */
  public Result.Quarantined quarantine(RawMail raw, String source, String error) throws IOException {
    String id;
    try (InputStream in = raw == null ? InputStream.nullInputStream() : raw.open()) {
      id = quarantine.keep(in, source, error);
    }
    counts.record(source, IngestCounts.Outcome.QUARANTINED);
    log.warn("quarantined a mail from {} as {}: {}", source, id, error);
    return new Result.Quarantined(id, error);
  }
}
