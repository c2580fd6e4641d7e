package io.claimdesk.core.reply;

/** Delivers a reply to the customer (SMTP in production). */
public interface ReplySender {

  /** A new Message-ID for a reply, in the support address's domain. */
  String newMessageId();

  /**
   * Sends the reply under its Message-ID and returns what went out, once the mail server has accepted it; throws
   * {@link ReplySendException} when it was not accepted.
   */
  SentReply send(OutgoingReply reply) throws ReplySendException;

  /** What the sender recorded about an accepted reply. */
  record SentReply(String messageId, String inReplyTo, java.util.List<String> references, String from, java.util.List<String> to) {}
}
