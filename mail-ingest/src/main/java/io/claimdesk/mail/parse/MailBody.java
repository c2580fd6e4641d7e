package io.claimdesk.mail.parse;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a mail's MIME tree collecting the first readable text and HTML and every attachment, at bounded cost:
 * <ul>
 *   <li>The text and the HTML kept on the message are each at most {@link #MAX_BODY_BYTES} characters (a message
 *   is one database document, limited to 16 MB): a longer part is cut there and kept whole as an attachment, and
 *   text or HTML parts that no longer fit are kept as attachments instead.</li>
 *   <li>At most {@link #MAX_PARTS} parts are read. A mail with more (thousands of tiny attachments) keeps what the
 *   first parts gave, and its whole raw source is stored as one more attachment, {@code original-message.eml}: the
 *   rest of the mail costs one stream of its bytes, not one stored attachment per part, and nothing is lost.</li>
 * </ul>
 */
final class MailBody {
  /** Text and HTML on the message beyond this are cut (and say so); the whole part is kept as an attachment. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  /** Parts read from one mail; the rest is kept as the raw source. */
  static final int MAX_PARTS = 1000;
  static final String RAW_SOURCE_NAME = "original-message.eml";
  private static final int MAX_DEPTH = 20;

  /** The whole raw mail, from its first byte. */
  interface Source {
    InputStream open() throws IOException;
  }

  private final AttachmentStore store;
  private final long maxAttachmentBytes;
  private final Source source;
  private final List<ThreadMessage.Attachment> attachments = new ArrayList<>();
  private String text;
  private String html;
  private int parts;
  private boolean overflowed;
  private boolean textSpilled;

  MailBody(AttachmentStore store, long maxAttachmentBytes, Source source) {
    this.store = store;
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.source = source;
  }

  String text() {
    return text;
  }

  String html() {
    return html;
  }

  List<ThreadMessage.Attachment> attachments() {
    return attachments;
  }

  /** {@code value}, cut at {@link #MAX_BODY_BYTES} characters (saying so) when longer. */
  static String bounded(String value) {
    return value.length() <= MAX_BODY_BYTES ? value : Parts.cut(value.substring(0, MAX_BODY_BYTES), MAX_BODY_BYTES);
  }

  void walk(Part message) throws MessagingException, IOException {
    walk(message, false, 0);
    if (overflowed) {
      try (InputStream raw = source.open()) {
        // whole, whatever the attachment limit: it is all that is kept of the rest (the mail's size is capped)
        attachments.add(store.store(RAW_SOURCE_NAME, "message/rfc822", null, raw, Long.MAX_VALUE));
      }
      String note = "[This mail has more than " + MAX_PARTS + " parts: the rest is in " + RAW_SOURCE_NAME + "]";
      text = text == null ? note : text + "\n\n" + note;
    }
  }

  private void walk(Part part, boolean inAlternative, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH || overflowed) {
      return;
    }
    if (++parts > MAX_PARTS) {
      overflowed = true;
      return;
    }
    if (part.isMimeType("multipart/*") && walkMultipart(part, depth)) {
      return;
    }
    String filename = Parts.filename(part);
    if (part.isMimeType("multipart/*")) {
      // a multipart whose parts cannot be found: what it holds is still the text a person would read
      text = text == null ? Parts.text(part, MAX_BODY_BYTES) : text;
      return;
    }
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(Parts.disposition(part));
    boolean textPart = part.isMimeType("text/plain") || part.isMimeType("text/html") || !Parts.hasContentType(part);
    if (!attachment && textPart && (filename == null || !Part.INLINE.equalsIgnoreCase(Parts.disposition(part)))) {
      bodyPart(part, inAlternative);
      return;
    }
    String contentType = Parts.baseType(part);
    String name = filename != null ? filename : Parts.defaultName(part, contentType);
    String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
    try (InputStream content = Parts.content(part)) {
      attachments.add(store.store(name, contentType, contentId, content, maxAttachmentBytes));
    }
  }

  /** Walks the parts of a multipart; false when it has none that can be read. */
  private boolean walkMultipart(Part part, int depth) throws MessagingException, IOException {
    Multipart multipart;
    int count;
    try {
      if (part instanceof MimePart mime) {
        // built here rather than by getContent(), which would build every part however many there are
        multipart = new CappedMultipart(new MimePartDataSource(mime), MAX_PARTS - parts);
      } else if (part.getContent() instanceof Multipart m) {
        multipart = m;
      } else {
        return false;
      }
      count = multipart.getCount();
    } catch (MessagingException e) {
      return false;
    }
    if (count == 0) {
      return false;
    }
    boolean alternative = part.isMimeType("multipart/alternative");
    for (int i = 0; i < count && !overflowed; i++) {
      BodyPart child = multipart.getBodyPart(i);
      walk(child, alternative, depth + 1);
    }
    return true;
  }

  /** A text or HTML part: shown on the message while it fits, else kept whole as an attachment. */
  private void bodyPart(Part part, boolean inAlternative) throws MessagingException, IOException {
    boolean isHtml = part.isMimeType("text/html");
    String shown = isHtml ? html : text;
    if (shown != null && inAlternative) {
      return; // another form of what is shown already
    }
    String value = Parts.text(part, MAX_BODY_BYTES);
    boolean fits = shown == null || shown.length() + value.length() <= MAX_BODY_BYTES;
    if (Parts.wasCut(value, MAX_BODY_BYTES) || !fits) {
      // shown cut, or not shown, but kept whole: nothing of the mail is lost
      String name = (fits ? "full-message" : "message-part-" + parts) + (isHtml ? ".html" : ".txt");
      try (InputStream content = Parts.content(part)) {
        attachments.add(store.store(name, part.getContentType(), null, content, maxAttachmentBytes));
      }
    }
    if (!fits) {
      if (!isHtml && !textSpilled) {
        text = text + "\n\n[More text is in the attachments named message-part-...]";
        textSpilled = true;
      }
      return;
    }
    if (isHtml) {
      html = shown == null ? value : html + "<hr>" + value;
    } else {
      text = shown == null ? value : text + "\n\n" + value;
    }
  }
}
