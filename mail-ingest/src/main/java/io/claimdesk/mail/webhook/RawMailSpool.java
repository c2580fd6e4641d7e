package io.claimdesk.mail.webhook;

import io.javalin.http.ContentTooLargeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a request body to a temporary file, refusing bodies over the limit without holding them in memory. */
final class RawMailSpool {
  private RawMailSpool() {}

  static Path spool(InputStream body, long maxBytes) throws IOException {
    Path file = Files.createTempFile("claimdesk-mail-", ".eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = body.read(buffer); n > 0; n = body.read(buffer)) {
        total += n;
        if (total > maxBytes) {
          throw new ContentTooLargeResponse("Mail is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  static Path spool(byte[] raw) throws IOException {
    Path file = Files.createTempFile("claimdesk-mail-", ".eml");
    Files.write(file, raw);
    return file;
  }
}
