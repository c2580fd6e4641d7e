package io.claimdesk.mail.webhook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Mailgun-shaped multipart post written straight to a socket, its {@code body-mime} generated as it is sent (a
 * 49 MB post costs the test a 64 kB buffer), and its status read while it is still being written: a server may
 * answer before the body is in.
 */
final class MailgunPost {
  static final String BOUNDARY = "mailgun-flood-boundary";
  private final String timestamp;
  private final String token;
  private final String signature;
  private final long mimeBytes;
  private final boolean signatureFirst;

  MailgunPost(String timestamp, String token, String signature, long mimeBytes, boolean signatureFirst) {
    this.timestamp = timestamp;
    this.token = token;
    this.signature = signature;
    this.mimeBytes = mimeBytes;
    this.signatureFirst = signatureFirst;
  }

  private static byte[] field(String name, String value) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] signatureFields() {
    byte[] a = field("timestamp", timestamp);
    byte[] b = field("token", token);
    byte[] c = field("signature", signature);
    byte[] all = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }

  private static final byte[] MIME_HEAD = ("--" + BOUNDARY
      + "\r\nContent-Disposition: form-data; name=\"body-mime\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAIL_HEAD = "From: flood@example.org\r\nSubject: flood\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

  long length() {
    return signatureFields().length + MIME_HEAD.length + mimeBytes + CRLF.length + END.length;
  }

  /** Sends the post to {@code port}; the status of the answer, or -1 when the connection broke before one came. */
  int send(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      Thread writer = new Thread(() -> {
        try {
          out.write(("POST /api/ingest/mailgun HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
              + "boundary=" + BOUNDARY + "\r\nContent-Length: " + length() + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          if (signatureFirst) {
            out.write(signatureFields());
          }
          out.write(MIME_HEAD);
          writeMail(out);
          out.write(CRLF);
          if (!signatureFirst) {
            out.write(signatureFields());
          }
          out.write(END);
          out.flush();
        } catch (IOException e) {
          // the server answered and closed before the whole body was sent: its answer is what counts
        }
      }, "mailgun-post-writer");
      writer.setDaemon(true);
      writer.start();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      try {
        String status = in.readLine();
        return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
      } catch (IOException e) {
        return -1;
      }
    }
  }

  private void writeMail(OutputStream out) throws IOException {
    out.write(MAIL_HEAD);
    byte[] line = new byte[64 * 1024];
    for (int i = 0; i < line.length; i++) {
      line[i] = (byte) (i % 78 == 76 ? '\r' : i % 78 == 77 ? '\n' : 'a' + i % 26);
    }
    for (long left = mimeBytes - MAIL_HEAD.length; left > 0; left -= line.length) {
      out.write(line, 0, (int) Math.min(left, line.length));
    }
  }
}
