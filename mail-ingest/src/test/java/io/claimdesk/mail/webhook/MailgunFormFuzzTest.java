package io.claimdesk.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimdesk.mail.ingest.RawMail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of how a Mailgun post's body is read: any bytes, as multipart (boundary
 * {@code fuzz}) or URL-encoded (odd first byte), or under a content type of their own (an input whose first line
 * starts with {@code Content-Type: }), are either read into fields and a mail within its cap, or refused with one of
 * the reader's own exceptions, which the webhook answers with a 4xx. Anything else would reach the client as a 500.
 * Regression mode (every {@code verify}) runs the inputs under {@code MailgunFormFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, and a crash it finds is committed there as a new input.
 */
class MailgunFormFuzzTest {
  private static final long MAX_MAIL_BYTES = 64 * 1024;
  private static final long MAX_BODY_BYTES = 128 * 1024;
  private static final String HEADER = "Content-Type: ";

  @FuzzTest(maxDuration = "10m")
  void anyPostBodyIsReadOrRefusedWithAReason(byte[] input) throws IOException {
    String contentType = input.length % 2 == 0 ? "multipart/form-data; boundary=fuzz"
        : "application/x-www-form-urlencoded";
    byte[] body = input;
    int newline = indexOf(input, (byte) '\n');
    if (newline > 0 && new String(input, 0, newline, StandardCharsets.ISO_8859_1).startsWith(HEADER)) {
      contentType = new String(input, HEADER.length(), newline - HEADER.length(), StandardCharsets.ISO_8859_1);
      body = Arrays.copyOfRange(input, newline + 1, input.length);
    }
    boolean[] checked = {false};
    try (MailgunForm form = new MailgunForm(MAX_MAIL_BYTES, f -> {
      checked[0] = true;
      return "sign".equals(f.field("token")) ? null : "bad signature";
    })) {
      form.read(contentType, new ByteArrayInputStream(body), MAX_BODY_BYTES);
      RawMail mail = form.mime();
      if (mail != null) {
        try {
          assertThat(mail.size()).isLessThanOrEqualTo(MAX_MAIL_BYTES);
        } finally {
          mail.discard();
        }
      }
      if (form.field("timestamp") != null && form.field("token") != null && form.field("signature") != null) {
        assertThat(checked[0]).as("the signature fields were all read, so they were checked").isTrue();
      }
    } catch (MailgunForm.Malformed | MailgunForm.Refused | RawMail.TooLarge expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
