package io.claimdesk.mail.parse;

import io.claimdesk.core.mail.InboundMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;

/** Recognizes auto-replies and bounces, which are kept on their thread but never notify or reopen. */
final class Noise {
  private Noise() {}

  static InboundMail.Noise of(MimeMessage message, String from) throws MessagingException {
    String contentType = lower(message.getContentType());
    String sender = from == null ? "" : from;
    if ((contentType.startsWith("multipart/report") && contentType.contains("delivery-status"))
        || sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@")) {
      return InboundMail.Noise.BOUNCE;
    }
    String autoSubmitted = lower(message.getHeader("Auto-Submitted", ","));
    String precedence = lower(message.getHeader("Precedence", ","));
    if ((!autoSubmitted.isEmpty() && !autoSubmitted.equals("no"))
        || precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
        || message.getHeader("X-Autoreply") != null
        || message.getHeader("X-Autorespond") != null
        || message.getHeader("X-Auto-Response-Suppress") != null) {
      return InboundMail.Noise.AUTO_REPLY;
    }
    return InboundMail.Noise.NONE;
  }

  private static String lower(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
