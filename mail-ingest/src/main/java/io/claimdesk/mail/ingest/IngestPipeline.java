package io.claimdesk.mail.ingest;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.DeferredWrites;
import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw mail, in a file or in memory, from any source (IMAP, webhooks), to its thread: a mail whose Message-ID is
 * already stored is recognized from its headers alone (no second copy of its attachments), anything else is parsed
 * and stored, and what cannot be parsed at all is quarantined. When this returns, the outcome is durable.
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
  private final DeferredWrites writes;
  private final String mailbox;

  /** {@code writes}: how the steps of one mail are written (all durable with the last one, or each on its own). */
  public IngestPipeline(MimeParser parser, MailIngestService ingest, MessageIndex messageIds,
      AttachmentStore attachments, Quarantine quarantine, DeferredWrites writes, String mailbox) {
    this.parser = parser;
    this.ingest = ingest;
    this.messageIds = messageIds;
    this.attachments = attachments;
    this.quarantine = quarantine;
    this.writes = writes;
    this.mailbox = mailbox;
  }

  /** Ingests the raw mail {@code raw}; {@code source} names where it came from, for the quarantine. */
  public Result ingest(RawMail raw, String source) throws IOException {
    return store(prepare(raw, source), null);
  }

  /**
   * A mail read and parsed, its attachments stored, the rest not yet: {@code done} when it was stored before (then
   * nothing else is set), else what {@link #store} needs.
   */
  public record Prepared(RawMail raw, String source, Optional<String> declared, Optional<MessageIndex.Entry> known,
      ParseResult parsed, Result done) {

    /** The Message-IDs this mail answers (In-Reply-To, then References), normalized as the index keeps them. */
    public List<String> answers() {
      if (!(parsed instanceof ParseResult.Parsed ok)) {
        return List.of();
      }
      List<String> ids = new ArrayList<>(ok.mail().references());
      if (ok.mail().inReplyTo() != null) {
        ids.add(ok.mail().inReplyTo());
      }
      return ids;
    }
  }

  /**
   * The first half of {@link #ingest}, which depends on no other mail: recognizes a mail stored before, else parses
   * it. Mails can be prepared in parallel and stored in order.
   */
  public Prepared prepare(RawMail raw, String source) {
    Optional<String> declared = declaredMessageId(raw);
    return prepare(raw, source, declared, declared.flatMap(messageIds::find));
  }

  /**
   * As {@link #prepare(RawMail, String)}, for a caller that has read the mail's {@code declared} Message-ID and looked
   * it up ({@link #lookUp}), finding it {@code known}.
   */
  public Prepared prepare(RawMail raw, String source, Optional<String> declared,
      Optional<MessageIndex.Entry> known) {
    // a mail stored already is not parsed again, nor are its attachments stored again
    if (known.isPresent() && known.get().stored()) {
      return new Prepared(raw, source, declared, known, null,
          new Result.Stored(new MailIngestService.Outcome(known.get().threadId(), declared.get(), false)));
    }
    // attachments, thread, message, contact: durable together with the journaled mark that ends the ingestion
    return new Prepared(raw, source, declared, known, writes.run(() -> raw instanceof RawMail.InMemory m
        ? parser.parse(m.bytes(), attachments) : parser.parse(((RawMail.InFile) raw).path(), attachments)), null);
  }

  /** What the index knows of these Message-IDs, for {@link #prepare(RawMail, String, Optional, Optional)}. */
  public Map<String, MessageIndex.Entry> lookUp(Collection<String> messageIds) {
    return this.messageIds.findAll(messageIds);
  }

  /** A batch for {@link #store}: the last steps of many mails, done together by its {@code finish}. */
  public MailIngestService.Batch batch() {
    return ingest.batch();
  }

  /**
   * The second half of {@link #ingest}: threads and stores a prepared mail, or quarantines it. With a {@code batch}
   * (else null) the mail is not marked stored before the batch is finished.
   */
  public Result store(Prepared prepared, MailIngestService.Batch batch) throws IOException {
    if (prepared.done() != null) {
      return prepared.done();
    }
    if (prepared.parsed() instanceof ParseResult.Parsed ok) {
      InboundMail mail = ok.mail();
      Optional<String> declared = prepared.declared();
      boolean lookedUp = declared.isPresent() && declared.get().equals(mail.messageId());
      return new Result.Stored(writes.run(() -> ingest.ingest(mail, mailbox,
          lookedUp ? prepared.known() : messageIds.find(mail.messageId()), batch)));
    }
    return quarantine(prepared.raw(), prepared.source(), ((ParseResult.Unparseable) prepared.parsed()).reason());
  }

  /** The Message-ID a raw mail declares in its header, if it has a usable one. */
  public Optional<String> declaredMessageId(RawMail raw) {
    return raw instanceof RawMail.InMemory m ? parser.declaredMessageId(m.bytes())
        : parser.declaredMessageId(((RawMail.InFile) raw).path());
  }

  /**
   * Runs {@code job} with the writes of every mail it ingests deferred, their stored marks included: for a caller
   * that ingests mails in a row and makes them durable together with one journaled write afterwards.
   */
  public <T, E extends Exception> T deferringAll(DeferredWrites.Job<T, E> job) throws E {
    return writes.runAll(job);
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
    log.warn("quarantined a mail from {} as {}: {}", source, id, error);
    return new Result.Quarantined(id, error);
  }
}
