package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.RawMail;
import io.javalin.http.ContentTooLargeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a request body as a raw mail: in memory up to {@link RawMail#IN_MEMORY_BYTES}, else copied to a temporary
 * file, refusing bodies over the limit without holding them in memory.
 */
final class RawMailSpool {
  private RawMailSpool() {}

  /** The body as a raw mail, which the caller {@link RawMail#discard discards} once it is stored. */
  static RawMail spool(InputStream body, long maxBytes) throws IOException {
    byte[] head = body.readNBytes((int) Math.min(RawMail.IN_MEMORY_BYTES, maxBytes) + 1);
    if (head.length <= RawMail.IN_MEMORY_BYTES && head.length <= maxBytes) {
      return new RawMail.InMemory(head);
    }
    if (head.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    Path file = Files.createTempFile("claimdesk-mail-", ".eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head);
      byte[] buffer = new byte[64 * 1024];
      long total = head.length;
      for (int n = body.read(buffer); n > 0; n = body.read(buffer)) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new RawMail.InFile(file);
  }

  private static ContentTooLargeResponse tooLarge(long maxBytes) {
    return new ContentTooLargeResponse("Mail is larger than " + maxBytes + " bytes");
  }
}
