package io.claimdesk.mail.smtp;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The body of a reply: plain text alone, or {@code multipart/mixed} with the text first and each attachment after
 * it. Attachment bytes are read from the attachment store while the mail is written to the server, never held whole.
 */
final class ReplyParts {
  private ReplyParts() {}

  static void fill(MimeMessage message, String text, List<ThreadMessage.Attachment> files, AttachmentStore store)
      throws MessagingException, IOException {
    if (files.isEmpty()) {
      message.setText(text, "UTF-8");
      return;
    }
    if (store == null) {
      throw new IOException("this server sends no attachments");
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text, "UTF-8");
    mixed.addBodyPart(body);
    for (ThreadMessage.Attachment file : files) {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new StoredFile(file, store)));
      part.setFileName(file.filename());
      part.setDisposition(Part.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
  }

  /** An attachment's bytes, opened from the store each time the mail writer asks for them. */
  private record StoredFile(ThreadMessage.Attachment file, AttachmentStore store) implements DataSource {
    @Override
    public InputStream getInputStream() throws IOException {
      return store.open(file.storageId())
          .orElseThrow(() -> new IOException("attachment " + file.filename() + " is no longer stored"));
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      throw new IOException("read only");
    }

    @Override
    public String getContentType() {
      return file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream"
          : file.contentType();
    }

    @Override
    public String getName() {
      return file.filename();
    }
  }
}
