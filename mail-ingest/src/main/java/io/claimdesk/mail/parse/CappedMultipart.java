package io.claimdesk.mail.parse;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;

/**
 * A multipart that builds at most {@code limit} of its parts. Jakarta Mail builds every part of a multipart when
 * the first is asked for, each with its headers and a read buffer (a few kilobytes): a 1 MB mail of 10,000 one-byte
 * attachments held about 35 MB until it was stored, and eight at once took 270 MB of heap. The parts past the limit
 * are never read ({@link MailBody} stops there and keeps the raw source), so each becomes one shared empty part.
 */
final class CappedMultipart extends MimeMultipart {
  private final int limit;
  private int built;
  private MimeBodyPart skipped;

  CappedMultipart(DataSource source, int limit) throws MessagingException {
    super(source); // parsed on first use, after limit is set
    this.limit = limit;
  }

  @Override
  protected MimeBodyPart createMimeBodyPart(InputStream in) throws MessagingException {
    if (built++ < limit) {
      return super.createMimeBodyPart(in);
    }
    try {
      in.close(); // a view of the shared mail stream: closing it releases nothing but its own buffer
    } catch (IOException e) {
      // nothing was read from it; the mail stream itself stays open
    }
    return skipped();
  }

  @Override
  protected MimeBodyPart createMimeBodyPart(InternetHeaders headers, byte[] content) throws MessagingException {
    return built++ < limit ? super.createMimeBodyPart(headers, content) : skipped();
  }

  private MimeBodyPart skipped() {
    if (skipped == null) {
      skipped = new MimeBodyPart();
    }
    return skipped;
  }
}
