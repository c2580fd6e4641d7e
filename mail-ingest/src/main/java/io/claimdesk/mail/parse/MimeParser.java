package io.claimdesk.mail.parse;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.ticket.ThreadMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Raw RFC 5322 bytes to an {@link InboundMail}. Mail is read from a file through a shared stream, so parts are
 * decoded straight from disk and attachments streamed to the {@link AttachmentStore}: a 25 MB attachment never
 * sits in the heap. Thread-safe.
 */
public final class MimeParser {
  private static final java.util.regex.Pattern DECLARED_ID = java.util.regex.Pattern.compile("<[^<>\\s]+>");
  /** Attachments beyond this are recorded (name, type, size) but not kept. */
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 30L * 1024 * 1024;
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Jakarta Mail 2.1 finds its StreamProvider through ServiceLoader for every header block, multipart and
    // decoder it makes (jakartaee/mail-api#699, #861), reading the class path's service files each time: a tenth
    // of the CPU of webhook ingestion. Naming the provider, the API's own override, makes it one class lookup.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final Session session;
  private final long maxAttachmentBytes;
  private final Clock clock;

  public MimeParser(long maxAttachmentBytes, Clock clock) {
    Properties props = new Properties();
    props.setProperty("mail.mime.decodetext.strict", "false");
    props.setProperty("mail.mime.parameters.strict", "false");
    props.setProperty("mail.mime.base64.ignoreerrors", "true");
    props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
    props.setProperty("mail.mime.multipart.allowempty", "true");
    props.setProperty("mail.mime.address.strict", "false");
    props.setProperty("mail.mime.decodefilename", "true");
    props.setProperty("mail.mime.decodeparameters", "true");
    this.session = Session.getInstance(props);
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.clock = clock;
  }

  /** Parses a mail stored in a file, streaming its attachments into {@code store}. */
  public ParseResult parse(Path raw, AttachmentStore store) {
    try (SharedFileInputStream in = new SharedFileInputStream(raw.toFile())) {
      return parse(in, store);
    } catch (IOException e) {
      return new ParseResult.Unparseable("cannot read the message: " + e.getMessage());
    }
  }

  /** The Message-ID the mail's headers declare, read without parsing the body; empty when it has none. */
  public Optional<String> declaredMessageId(Path raw) {
    try (SharedFileInputStream in = new SharedFileInputStream(raw.toFile())) {
      return declaredMessageId(in);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** As {@link #declaredMessageId(Path)}, for a mail held in memory. */
  public Optional<String> declaredMessageId(byte[] raw) {
    return declaredMessageId(new ByteArrayInputStream(raw));
  }

  private static Optional<String> declaredMessageId(InputStream in) {
    try {
      InternetHeaders headers = new InternetHeaders(in, true);
      String value = headers.getHeader("Message-ID", " ");
      if (value == null) {
        return Optional.empty();
      }
      java.util.regex.Matcher m = DECLARED_ID.matcher(value);
      return m.find() ? Optional.of(m.group()) : Optional.empty();
    } catch (MessagingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses a mail held in memory. */
  public ParseResult parse(byte[] raw, AttachmentStore store) {
    return parse(new SharedByteArrayInputStream(raw), store);
  }

  private <S extends InputStream & SharedInputStream> ParseResult parse(S in, AttachmentStore store) {
    try {
      MimeMessage message = new MimeMessage(session, in);
      if (!looksLikeMail(message)) {
        return new ParseResult.Unparseable("no mail headers found (From, To, Subject, Date, Message-ID, ...)");
      }
      Headers headers = new Headers(message);
      MailBody body = new MailBody(store, maxAttachmentBytes, () -> in.newStream(0, -1));
      body.walk(message);
      return new ParseResult.Parsed(mail(message, headers, body));
    } catch (MessagingException | IOException | RuntimeException e) {
      return new ParseResult.Unparseable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static final String[] MAIL_HEADERS = {
      "From", "Sender", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Received"};

  private static boolean looksLikeMail(MimeMessage message) throws MessagingException {
    for (String name : MAIL_HEADERS) {
      if (message.getHeader(name) != null) {
        return true;
      }
    }
    return false;
  }

  private InboundMail mail(MimeMessage message, Headers headers, MailBody body) throws MessagingException {
    List<InternetAddress> from = headers.addresses("From");
    if (from.isEmpty()) {
      from = headers.addresses("Sender");
    }
    String sender = from.isEmpty() ? null : from.get(0).getAddress();
    String senderName = from.isEmpty() ? null : from.get(0).getPersonal();
    String subject = headers.text("Subject");
    Instant date = headers.date();
    // sanitizing can lengthen HTML (escapes): cut again so that the message document stays far under 16 MB
    String html = body.html() == null ? null : MailBody.bounded(HtmlText.sanitize(body.html()));
    String text = body.text() != null ? body.text().strip()
        : body.html() != null ? MailBody.bounded(HtmlText.toText(body.html())) : "";
    List<String> to = headers.addresses("To").stream().map(InternetAddress::getAddress).toList();
    String messageId = headers.messageId("Message-ID");
    boolean synthetic = messageId == null;
    if (synthetic) {
      messageId = syntheticId(sender, to, message.getHeader("Date", " "), subject, text);
    }
    InboundMail.Noise noise = Noise.of(message, sender);
    ThreadMessage parsed = new ThreadMessage(null, null, noise.direction(), messageId,
        headers.messageId("In-Reply-To"), headers.messageIds("References"), sender, senderName, to,
        headers.addresses("Cc").stream().map(InternetAddress::getAddress).toList(),
        date == null ? clock.instant() : date, text, html, body.attachments(), null);
    return new InboundMail(parsed, subject == null ? "" : subject, synthetic, date == null, noise);
  }

  /** The same mail (sender, recipients, date, subject, text) always gets the same id, whichever way it came. */
  static String syntheticId(String from, List<String> to, String date, String subject, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {from, String.join(",", to), date, subject, text}) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "<synthetic-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32) + "@claimdesk.invalid>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
