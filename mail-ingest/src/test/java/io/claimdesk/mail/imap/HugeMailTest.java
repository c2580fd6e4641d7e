package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail whose text alone is larger than a MongoDB document may be (16 MB) is stored with its text cut and kept
 * whole as an attachment, and does not hold up the mail behind it. (The embedded server does not enforce the limit,
 * so the test measures the stored document itself.)
 */
class HugeMailTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final int MONGODB_MAX_DOCUMENT = 16 * 1024 * 1024;
  private ImapFixture imap;

  @BeforeEach
  void open() {
    imap = new ImapFixture(GREEN_MAIL);
  }

  @AfterEach
  void close() {
    imap.close();
  }

  @Test
  void aTextLargerThanADocumentIsShortenedKeptWholeAsAnAttachmentAndHoldsNothingUp() throws Exception {
    String line = "All work and no play makes Jack a dull boy.";
    String text = (line + "\r\n").repeat(400_000); // 18 MB in lines of 45 bytes, as mail is written
    imap.deliver("From: big@example.org\r\nTo: support@example.com\r\nSubject: Huge log\r\n"
        + "Message-ID: <huge@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n");
    imap.deliver(ImapFixture.mail(1));

    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.storedCount() >= 2, Duration.ofSeconds(60), "both messages");
    }

    RawBsonDocument stored = imap.db.database().getCollection("thread_messages", RawBsonDocument.class)
        .find(new Document("messageId", "<huge@example.org>")).first();
    assertThat(stored).isNotNull();
    assertThat(stored.getByteBuffer().remaining()).isLessThan(MONGODB_MAX_DOCUMENT);
    String threadId = stored.getObjectId("threadId").getValue().toHexString();
    ThreadMessage message = imap.stores.tickets().messages(threadId).get(0);
    List<ThreadMessage.Attachment> kept = message.attachments().stream()
        .filter(a -> a.filename().equals("full-message.txt")).toList();
    assertThat(kept).hasSize(1);
    String whole;
    try (InputStream in = imap.stores.attachments().open(kept.get(0).storageId()).orElseThrow()) {
      whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(whole.length()).isGreaterThan(17_000_000);
    assertThat(whole.lines().filter(line::equals).count()).isEqualTo(400_000);
    assertThat(message.text()).startsWith(line).hasSizeLessThan(2_100_000).endsWith("[... cut at 2097152 bytes]");
  }
}
