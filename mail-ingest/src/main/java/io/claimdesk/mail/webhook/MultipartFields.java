package io.claimdesk.mail.webhook;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.MultiPartParser;

/**
 * A {@code multipart/form-data} body handed to a {@link MailgunForm} field by field as it is read, through Jetty's
 * push parser (the one under its servlet multipart support, which itself would keep every part): no part is held
 * whole, and reading stops at the first refusal.
 */
final class MultipartFields implements MultiPartParser.Handler {
  /** Mailgun sends about ten fields; a post with many more is not Mailgun's. */
  private static final int MAX_FIELDS = 100;
  private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))",
      Pattern.CASE_INSENSITIVE);

  private final MailgunForm form;
  private String name;
  private int fields;
  private boolean inPart;
  private IOException failure;
  private boolean complete;

  private MultipartFields(MailgunForm form) {
    this.form = form;
  }

  static void read(String contentType, InputStream in, MailgunForm form) throws IOException {
    MultipartFields fields = new MultipartFields(form);
    MultiPartParser parser = new MultiPartParser(fields, boundary(contentType));
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0 && !fields.complete; n = in.read(buffer)) {
      fields.parse(parser, ByteBuffer.wrap(buffer, 0, n), false);
    }
    fields.parse(parser, ByteBuffer.allocate(0), true);
    if (!fields.complete) {
      throw new MailgunForm.Malformed("Malformed multipart body: it ends before its closing boundary");
    }
  }

  private static String boundary(String contentType) throws MailgunForm.Malformed {
    String boundary;
    try {
      boundary = new ContentType(contentType).getParameter("boundary");
    } catch (ParseException e) {
      boundary = null;
    }
    if (boundary == null || boundary.isEmpty()) {
      throw new MailgunForm.Malformed("Malformed multipart body: Content-Type has no boundary");
    }
    return boundary;
  }

  private void parse(MultiPartParser parser, ByteBuffer buffer, boolean last) throws IOException {
    try {
      parser.parse(buffer, last);
    } catch (RuntimeException e) { // Jetty's BadMessageException and kin: the body is not multipart
      throw new MailgunForm.Malformed("Malformed multipart body: " + e.getMessage());
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void startPart() {
    name = null;
    if (++fields > MAX_FIELDS && failure == null) {
      failure = new MailgunForm.Malformed("Malformed multipart body: more than " + MAX_FIELDS + " fields");
    }
  }

  @Override
  public void parsedField(String header, String value) {
    if ("Content-Disposition".equalsIgnoreCase(header) && value != null) {
      Matcher m = NAME.matcher(value);
      if (m.find()) {
        name = m.group(1) != null ? m.group(1) : m.group(2);
      }
    }
  }

  @Override
  public boolean headerComplete() {
    if (failure == null) {
      if (name == null) {
        failure = new MailgunForm.Malformed("Malformed multipart body: a part has no form-data name");
      } else {
        inPart = true;
        call(() -> form.begin(name));
      }
    }
    return false;
  }

  @Override
  public boolean content(ByteBuffer bytes, boolean last) {
    if (failure == null && inPart) {
      int length = bytes.remaining();
      if (length > 0) {
        byte[] copy;
        int offset;
        if (bytes.hasArray()) {
          copy = bytes.array();
          offset = bytes.arrayOffset() + bytes.position();
        } else {
          copy = new byte[length];
          bytes.duplicate().get(copy);
          offset = 0;
        }
        call(() -> form.content(copy, offset, length));
      }
      if (last && failure == null) {
        inPart = false;
        call(form::end);
      }
    }
    return false;
  }

  @Override
  public boolean messageComplete() {
    complete = true;
    return false;
  }

  @Override
  public void earlyEOF() {
    if (failure == null) {
      failure = new MailgunForm.Malformed("Malformed multipart body: it ends before its closing boundary");
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  private void call(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      failure = e;
    }
  }
}
