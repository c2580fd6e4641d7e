package io.claimdesk.mail.parse;

import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Random;

/**
 * Runs in a child JVM with a small heap for {@link LargeAttachmentTest}: writes a mail with a {@code size}-byte
 * attachment to a file, parses it into GridFS on the embedded database, and prints the stored size and the peak
 * heap in use.
 */
public final class LargeAttachmentChild {
  private LargeAttachmentChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(("From: big@example.org\r\nSubject: big\r\nMessage-ID: <big@example.org>\r\n"
          + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhere\r\n"
          + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Random random = new Random(42);
      byte[] chunk = new byte[57 * 1024]; // a multiple of 57 bytes gives whole 76-character base64 lines
      Base64.Encoder encoder = Base64.getMimeEncoder();
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        int n = Math.min(chunk.length, size - written);
        out.write(encoder.encode(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n)));
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (TestDatabase db = TestDatabase.embedded()) {
      MimeParser parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());
      ParseResult result = parser.parse(file, MongoStores.open(db.database(), java.time.Clock.systemUTC()).attachments());
      InboundMail mail = ((ParseResult.Parsed) result).mail();
      ThreadMessage.Attachment attachment = mail.message().attachments().get(0);
      long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.println("stored " + attachment.size() + " " + (attachment.storageId() != null) + " peak " + peak);
    }
    System.exit(0);
  }
}
