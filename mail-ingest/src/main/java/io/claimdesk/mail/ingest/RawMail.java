package io.claimdesk.mail.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A mail as it came in, before parsing: in memory when it is small (most mail), else in a file, so that a big
 * attachment is streamed and never held in the heap whole. Every source (IMAP, webhooks) makes one through a
 * {@link Spool}.
 */
public sealed interface RawMail {
  /** A mail up to this size is held in memory, a bigger one in a temporary file. */
  int IN_MEMORY_BYTES = 256 * 1024;

  /** {@code bytes} as a raw mail. */
  static RawMail of(byte[] bytes) throws IOException {
    if (bytes.length <= IN_MEMORY_BYTES) {
      return new InMemory(bytes);
    }
    try (Spool spool = new Spool(Long.MAX_VALUE)) {
      spool.write(bytes);
      return spool.done();
    }
  }

  /** Everything {@code in} holds, as a raw mail; {@link TooLarge} (nothing kept) past {@code maxBytes}. */
  static RawMail read(InputStream in, long maxBytes) throws IOException {
    try (Spool spool = new Spool(maxBytes)) {
      in.transferTo(spool);
      return spool.done();
    }
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

  /** A mail longer than a source allows. */
  final class TooLarge extends IOException {
    private final long maxBytes;

    public TooLarge(long maxBytes) {
      super("Mail is larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }

    public long maxBytes() {
      return maxBytes;
    }
  }

  /**
   * Where a mail's bytes are written as they arrive: kept in memory up to {@link #IN_MEMORY_BYTES}, then moved to a
   * temporary file. {@link #done} hands the mail over; closing without it deletes what was written.
   */
  final class Spool extends OutputStream {
    private final long maxBytes;
    private byte[] memory = new byte[8 * 1024];
    private long size;
    private Path file;
    private OutputStream out;
    private boolean handedOver;

    public Spool(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (size + len > maxBytes) {
        throw new TooLarge(maxBytes);
      }
      if (out == null && size + len > IN_MEMORY_BYTES) {
        file = Files.createTempFile("claimdesk-mail-", ".eml");
        out = Files.newOutputStream(file);
        out.write(memory, 0, (int) size);
        memory = null;
      }
      if (out != null) {
        out.write(b, off, len);
      } else {
        if (size + len > memory.length) {
          memory = Arrays.copyOf(memory, (int) Math.min(IN_MEMORY_BYTES, Math.max(size + len, memory.length * 2L)));
        }
        System.arraycopy(b, off, memory, (int) size, len);
      }
      size += len;
    }

    /** The mail written so far. */
    public RawMail done() throws IOException {
      handedOver = true;
      if (out == null) {
        return new InMemory(Arrays.copyOf(memory, (int) size));
      }
      out.close();
      return new InFile(file);
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
      }
      if (file != null && !handedOver) {
        Files.deleteIfExists(file);
      }
    }
  }
}
