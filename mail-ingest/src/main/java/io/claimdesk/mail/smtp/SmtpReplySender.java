package io.claimdesk.mail.smtp;

import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.reply.ReplySendException;
import io.claimdesk.core.reply.ReplySender;
import io.claimdesk.core.ticket.ThreadMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import io.claimdesk.core.mail.AttachmentStore;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replies: {@code From: "<member> via <team>" <support address>}, Reply-To the support address, subject
 * {@code Re: <subject> [#tag]}, In-Reply-To the customer's latest message and References the chain, and a
 * Message-ID of ours that the reply service records on the thread. Returns only once the server accepted it.
 */
public final class SmtpReplySender implements ReplySender {
  private static final Logger log = LoggerFactory.getLogger(SmtpReplySender.class);
  private final SmtpSettings settings;
  private final String supportAddress;
  private final String teamName;
  private final Session session;
  private final AttachmentStore attachments;

  /** A sender of replies without attachments (one that has some fails with a clear message). */
  public SmtpReplySender(SmtpSettings settings, String supportAddress, String teamName) {
    this(settings, supportAddress, teamName, null);
  }

  /** A sender that reads the bytes of reply attachments from {@code attachments} while it writes the mail. */
  public SmtpReplySender(SmtpSettings settings, String supportAddress, String teamName, AttachmentStore attachments) {
    this.attachments = attachments;
    this.settings = settings;
    this.supportAddress = supportAddress;
    this.teamName = teamName;
    this.session = Session.getInstance(properties(settings, supportAddress));
  }

  private static Properties properties(SmtpSettings s, String supportAddress) {
    String protocol = "ssl".equals(s.tls()) ? "smtps" : "smtp";
    String millis = Long.toString(s.timeout().toMillis());
    Properties props = new Properties();
    props.setProperty("mail.transport.protocol", protocol);
    props.setProperty("mail." + protocol + ".host", s.host());
    props.setProperty("mail." + protocol + ".port", Integer.toString(s.port()));
    props.setProperty("mail." + protocol + ".auth", Boolean.toString(s.user() != null));
    props.setProperty("mail." + protocol + ".connectiontimeout", millis);
    props.setProperty("mail." + protocol + ".timeout", millis);
    props.setProperty("mail." + protocol + ".writetimeout", millis);
    if ("starttls".equals(s.tls())) {
      props.setProperty("mail.smtp.starttls.enable", "true");
      props.setProperty("mail.smtp.starttls.required", "true");
    }
    // without it Angus makes Message-IDs and HELO names ending in @localhost
    props.setProperty("mail.host", supportAddress.substring(supportAddress.indexOf('@') + 1));
    return props;
  }

  @Override
  public String newMessageId() {
    return "<" + UUID.randomUUID() + "@" + supportAddress.substring(supportAddress.indexOf('@') + 1) + ">";
  }

  @Override
  public SentReply send(OutgoingReply reply) throws ReplySendException {
    ThreadMessage answered = ReplyHeaders.lastInbound(reply.history());
    List<String> references = ReplyHeaders.references(answered);
    String messageId = reply.messageId();
    String to = reply.thread().customerEmail();
    try {
      MimeMessage message = new FixedIdMessage(session, messageId);
      message.setFrom(new InternetAddress(supportAddress, reply.author().displayName() + " via " + teamName, "UTF-8"));
      message.setReplyTo(new InternetAddress[] {new InternetAddress(supportAddress)});
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
      if (!reply.cc().isEmpty()) {
        message.setRecipients(Message.RecipientType.CC, ccAddresses(reply.cc()));
      }
      message.setSubject(ReplyHeaders.subject(reply.thread().subject(), reply.thread().tag()), "UTF-8");
      if (answered != null && answered.messageId() != null) {
        message.setHeader("In-Reply-To", answered.messageId());
      }
      if (!references.isEmpty()) {
        message.setHeader("References", String.join(" ", references));
      }
      message.setHeader("X-Claimdesk-Ticket", reply.thread().id());
      ReplyParts.fill(message, ReplyQuote.below(reply.body(), answered), reply.attachments(), attachments);
      message.saveChanges();
      if (settings.user() != null) {
        Transport.send(message, settings.user(), settings.password());
      } else {
        Transport.send(message);
      }
      return new SentReply(messageId, answered == null ? null : answered.messageId(), references, supportAddress,
          List.of(to));
    } catch (MessagingException | IOException e) {
      String sentence = SmtpErrors.sentence(e, settings.host(), settings.port());
      // logged here, once and in one line: the people see the sentence, the operator also the innermost cause
      log.warn("reply on ticket {} not sent: {} [{}]", reply.thread().id(), sentence, SmtpErrors.detail(e));
      throw new ReplySendException(sentence, e);
    }
  }

  private static InternetAddress[] ccAddresses(List<String> cc) throws AddressException {
    InternetAddress[] addresses = new InternetAddress[cc.size()];
    for (int i = 0; i < cc.size(); i++) {
      addresses[i] = new InternetAddress(cc.get(i), true);
    }
    return addresses;
  }

  /** A message that keeps the Message-ID given to it: {@code saveChanges()} would replace it. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
