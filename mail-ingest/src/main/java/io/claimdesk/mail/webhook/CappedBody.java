package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.RawMail;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails with {@link RawMail.TooLarge} once it goes past its cap, whatever it declared. */
final class CappedBody extends FilterInputStream {
  private final long max;
  private long count;

  CappedBody(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0 && (count += n) > max) {
      throw new RawMail.TooLarge(max);
    }
    return n;
  }
}
