package io.claimdesk.mail.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An {@code application/x-www-form-urlencoded} body handed to a {@link MailgunForm} field by field as it is read,
 * values decoded to their bytes on the way; Jetty's own form reader would hold the whole body.
 */
final class UrlEncodedFields {
  private static final int MAX_NAME_BYTES = 256;

  private final MailgunForm form;
  private final ByteArrayOutputStream name = new ByteArrayOutputStream();
  private final byte[] out = new byte[64 * 1024];
  private int used;
  private boolean inValue;
  private int escape = -1; // digits of a %XX seen so far, -1 outside one
  private int escaped;

  private UrlEncodedFields(MailgunForm form) {
    this.form = form;
  }

  static void read(InputStream in, MailgunForm form) throws IOException {
    UrlEncodedFields fields = new UrlEncodedFields(form);
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        fields.next(buffer[i]);
      }
      fields.flush();
    }
    fields.endField();
  }

  private void next(byte b) throws IOException {
    if (escape >= 0) {
      int digit = Character.digit(b, 16);
      if (digit < 0) {
        throw new MailgunForm.Malformed("Malformed form body: bad %-escape");
      }
      escaped = escaped * 16 + digit;
      if (++escape == 2) {
        escape = -1;
        emit((byte) escaped);
      }
    } else if (b == '&') {
      endField();
    } else if (b == '=' && !inValue) {
      inValue = true;
      form.begin(name.toString(StandardCharsets.UTF_8));
    } else if (b == '%') {
      escape = 0;
      escaped = 0;
    } else {
      emit(b == '+' ? (byte) ' ' : b);
    }
  }

  private void emit(byte b) throws IOException {
    if (!inValue) {
      if (name.size() >= MAX_NAME_BYTES) {
        throw new MailgunForm.Malformed("Malformed form body: a field name is longer than " + MAX_NAME_BYTES);
      }
      name.write(b);
      return;
    }
    if (used == out.length) {
      flush();
    }
    out[used++] = b;
  }

  private void flush() throws IOException {
    if (inValue && used > 0) {
      form.content(out, 0, used);
    }
    used = 0;
  }

  private void endField() throws IOException {
    if (escape >= 0) {
      throw new MailgunForm.Malformed("Malformed form body: cut %-escape");
    }
    if (!inValue && name.size() > 0) {
      form.begin(name.toString(StandardCharsets.UTF_8)); // a name without '=': an empty value
      inValue = true;
    }
    if (inValue) {
      flush();
      form.end();
    }
    inValue = false;
    name.reset();
  }
}
