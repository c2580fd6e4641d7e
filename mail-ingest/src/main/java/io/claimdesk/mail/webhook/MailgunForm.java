package io.claimdesk.mail.webhook;

import io.claimdesk.mail.ingest.RawMail;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one Mailgun post, read as they stream in (multipart or URL-encoded): the signature fields are
 * kept in memory (a few bytes each), {@code body-mime} goes into a {@link RawMail.Spool} with its cap, everything
 * else is skipped. As soon as the three signature fields are in, they are checked, so a forged post that sends
 * them first is refused before its mail is read.
 */
final class MailgunForm implements Closeable {
  static final String MIME = "body-mime";
  private static final Set<String> SIGNATURE = Set.of("timestamp", "token", "signature");
  private static final int MAX_FIELD_BYTES = 1024;

  /** A request body that is not a well-formed form. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** Refused by the signature check while reading. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private final long maxMailBytes;
  private final Function<MailgunForm, String> signatureProblem;
  private final Map<String, String> fields = new HashMap<>();
  private String current;
  private ByteArrayOutputStream small;
  private RawMail.Spool spool;
  private RawMail mime;
  private boolean checked;

  /** {@code signatureProblem} answers why the signature fields are refused, or null. */
  MailgunForm(long maxMailBytes, Function<MailgunForm, String> signatureProblem) {
    this.maxMailBytes = maxMailBytes;
    this.signatureProblem = signatureProblem;
  }

  /** Reads the whole body of a post of this content type. */
  void read(String contentType, InputStream body, long maxBytes) throws IOException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    InputStream in = new CappedBody(body, maxBytes);
    if (type.startsWith("multipart/form-data")) {
      MultipartFields.read(contentType, in, this);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      UrlEncodedFields.read(in, this);
    } else {
      throw new Malformed("Unsupported Content-Type '" + contentType
          + "': Mailgun posts multipart/form-data or application/x-www-form-urlencoded");
    }
  }

  String field(String name) {
    return fields.get(name);
  }

  /** The posted mail, or null when there was none; the caller discards it. */
  RawMail mime() {
    RawMail m = mime;
    mime = null;
    return m;
  }

  void begin(String name) throws IOException {
    current = name;
    small = null;
    if (MIME.equals(name)) {
      if (spool != null || mime != null) {
        throw new Malformed("Field body-mime is given twice");
      }
      spool = new RawMail.Spool(maxMailBytes);
    } else if (SIGNATURE.contains(name)) {
      small = new ByteArrayOutputStream();
    }
  }

  void content(byte[] bytes, int offset, int length) throws IOException {
    if (spool != null) {
      spool.write(bytes, offset, length);
    } else if (small != null) {
      if (small.size() + length > MAX_FIELD_BYTES) {
        throw new Malformed("Field " + current + " is longer than " + MAX_FIELD_BYTES + " bytes");
      }
      small.write(bytes, offset, length);
    }
  }

  void end() throws IOException {
    if (spool != null) {
      mime = spool.done();
      spool.close();
      spool = null;
    } else if (small != null) {
      fields.put(current, small.toString(StandardCharsets.UTF_8));
      small = null;
      if (!checked && fields.keySet().containsAll(SIGNATURE)) {
        checked = true;
        String problem = signatureProblem.apply(this);
        if (problem != null) {
          throw new Refused(problem);
        }
      }
    }
    current = null;
  }

  /** Deletes what was spooled and not handed over. */
  @Override
  public void close() throws IOException {
    if (spool != null) {
      spool.close();
    }
    if (mime != null) {
      mime.discard();
    }
  }
}
