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
  /** A mail up to this size is held in memory, a bigger one in a temporary file. */
  int IN_MEMORY_BYTES = 256 * 1024;

  /** {@code bytes} as a raw mail: held in memory up to {@link #IN_MEMORY_BYTES}, else written to a temporary file. */
  static RawMail of(byte[] bytes) throws IOException {
    if (bytes.length <= IN_MEMORY_BYTES) {
      return new InMemory(bytes);
    }
    Path file = Files.createTempFile("claimdesk-mail-", ".eml");
    try {
      Files.write(file, bytes);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new InFile(file);
  }

  /** Its bytes, from the start. */
  InputStream open() throws IOException;

  /** Its length in bytes. */
  long size() throws IOException;

  /** Lets go of it: deletes its file, if it has one. */
  default void discard() throws IOException {}

  /** A mail held in memory. */
  record InMemory(byte[] bytes) implements RawMail {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public long size() {
      return bytes.length;
    }
  }

  /** A mail in a temporary file, deleted by {@link #discard}. */
  record InFile(Path path) implements RawMail {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public void discard() throws IOException {
      Files.deleteIfExists(path);
    }
  }
}
