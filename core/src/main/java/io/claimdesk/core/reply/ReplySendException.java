package io.claimdesk.core.reply;

/** The mail server did not accept a reply; nothing was recorded as sent. */
public final class ReplySendException extends Exception {
  public ReplySendException(String message, Throwable cause) {
    super(message, cause);
  }
}
