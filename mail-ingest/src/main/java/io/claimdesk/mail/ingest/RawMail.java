package io.claimdesk.mail.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mail as it came in, before parsing: in memory when it is small (most mail), else in a file, so that a big
 * attachment is streamed and never held in the heap whole.
 */
public sealed interface RawMail {
  /** Its bytes, from the start. */
  InputStream open() throws IOException;

  /** A mail held in memory. */
  record InMemory(byte[] bytes) implements RawMail {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }

  /** A mail in a file that its owner deletes. */
  record InFile(Path path) implements RawMail {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }
  }
}
