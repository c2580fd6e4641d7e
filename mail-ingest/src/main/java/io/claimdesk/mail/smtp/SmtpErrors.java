package io.claimdesk.mail.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * A failed send in one plain sentence for the person who wrote the reply: the server could not be reached, refused
 * the sign-in, refused the mail (with its own words), or broke off. Jakarta Mail's messages repeat their cause chain
 * ("nested exception is: ..."), so the sentence is built from the exception types, never from those messages.
 */
final class SmtpErrors {
  /** The server's own reply is quoted up to this length: enough for a 5xx line with its reason. */
  static final int SERVER_REPLY_CHARS = 200;

  private SmtpErrors() {}

  static String sentence(Exception failure, String host, int port) {
    String server = "The mail server " + host + ":" + port;
    AuthenticationFailedException auth = find(failure, AuthenticationFailedException.class);
    if (auth != null) {
      return server + " refused the sign-in: check SMTP_USER and SMTP_PASSWORD.";
    }
    SMTPAddressFailedException address = find(failure, SMTPAddressFailedException.class);
    if (address != null) {
      return server + " refused the address " + address.getAddress() + ": " + reply(address) + ".";
    }
    SMTPSendFailedException refused = find(failure, SMTPSendFailedException.class);
    if (refused != null) {
      return server + " refused the reply: " + reply(refused) + ".";
    }
    if (find(failure, UnknownHostException.class) != null) {
      return server + " could not be reached: no such host. Check SMTP_HOST.";
    }
    if (find(failure, MailConnectException.class) != null || find(failure, ConnectException.class) != null
        || find(failure, NoRouteToHostException.class) != null) {
      String why = find(failure, SocketTimeoutException.class) != null ? "it did not answer in time"
          : "the connection was refused";
      return server + " could not be reached (" + why + "). Check SMTP_HOST and SMTP_PORT, or try again later.";
    }
    if (find(failure, SSLException.class) != null) {
      return server + " could not set up a secure connection. Check SMTP_TLS and SMTP_PORT.";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return server + " stopped answering while the reply was being sent.";
    }
    return server + " did not take the reply (" + firstLine(failure.getMessage()) + ").";
  }

  /** The detail for the log, in one line: the innermost cause's type and message. */
  static String detail(Exception failure) {
    Throwable root = failure;
    while (next(root) != null && next(root) != root) {
      root = next(root);
    }
    return root == failure ? failure.toString()
        : failure.getClass().getSimpleName() + " caused by " + root.getClass().getName() + ": "
            + firstLine(root.getMessage());
  }

  private static String reply(MessagingException e) {
    String text = firstLine(e.getMessage());
    return text.length() > SERVER_REPLY_CHARS ? text.substring(0, SERVER_REPLY_CHARS) + "…" : text;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String line = message.strip().lines().findFirst().orElse("");
    int nested = line.indexOf(";  nested exception is");
    line = nested >= 0 ? line.substring(0, nested) : line;
    return line.endsWith(".") || line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = next(t) == t ? null : next(t)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Jakarta Mail chains both ways: {@code getNextException} and the standard cause. */
  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause();
  }
}
