package io.claimdesk.mail.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the MIME parser with raw bytes (Jazzer). Whatever the bytes, parsing ends with a mail or
 * a reason, within the fuzzer's time limit and without an error escaping, and a parsed mail keeps the promises the
 * ingest path relies on. Run by {@code verify} on the committed inputs under
 * {@code MimeParserFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, and
 * every crash it finds is to be committed there as a new input.
 *
 * <p>Attachments go to a sink that only counts their bytes: the parser's work is what is fuzzed, and thousands of
 * inputs a second would not pass through a database.
 */
class MimeParserFuzzTest {
  private static final long MAX_ATTACHMENT_BYTES = 64 * 1024;
  private static final MimeParser PARSER =
      new MimeParser(MAX_ATTACHMENT_BYTES, Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "10m")
  void parsingAnyBytesGivesAMailOrAReason(byte[] raw) {
    // the Message-ID read from the headers alone (how a repeat is recognized) never fails either, and is bracketed
    PARSER.declaredMessageId(raw).ifPresent(id -> assertThat(id).startsWith("<").endsWith(">"));
    ParseResult result = PARSER.parse(raw, new CountingSink());
    if (result instanceof ParseResult.Unparseable unparseable) {
      assertThat(unparseable.reason()).isNotBlank();
      return;
    }
    InboundMail mail = ((ParseResult.Parsed) result).mail();
    ThreadMessage message = mail.message();
    assertThat(message.messageId()).startsWith("<").endsWith(">");
    assertThat(mail.subject()).isNotNull();
    assertThat(message.text()).isNotNull();
    assertThat(message.date()).isNotNull();
    if (message.html() != null) {
      assertThat(message.html().toLowerCase()).doesNotContain("<script");
    }
    for (ThreadMessage.Attachment attachment : message.attachments()) {
      assertThat(attachment.size()).isNotNegative();
      if (attachment.storageId() != null) {
        assertThat(attachment.size()).isLessThanOrEqualTo(MAX_ATTACHMENT_BYTES);
      }
    }
  }

  /** Reads each attachment as the real store would, up to its limit, and keeps nothing. */
  private static final class CountingSink implements AttachmentStore {
    private int stored;

    @Override
    public ThreadMessage.Attachment store(String filename, String contentType, String contentId, InputStream content,
        long maxBytes) throws IOException {
      long size = 0;
      byte[] buffer = new byte[8192];
      for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
        size += n;
        if (size > maxBytes) {
          return new ThreadMessage.Attachment(filename, contentType, size, contentId, null);
        }
      }
      return new ThreadMessage.Attachment(filename, contentType, size, contentId, "sink-" + stored++);
    }

    @Override
    public Optional<InputStream> open(String storageId) {
      return Optional.empty();
    }

    @Override
    public boolean delete(String storageId) {
      return false;
    }
  }
}
