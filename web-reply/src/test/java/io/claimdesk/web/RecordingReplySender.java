package io.claimdesk.web;

import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.reply.ReplySendException;
import io.claimdesk.core.reply.ReplySender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the SMTP sender until the mail module lands: records each reply, or fails on demand. */
final class RecordingReplySender implements ReplySender {
  final List<OutgoingReply> sent = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  @Override
  public SentReply send(OutgoingReply reply) throws ReplySendException {
    if (failing) {
      throw new ReplySendException("connection refused", null);
    }
    sent.add(reply);
    String messageId = "<reply-" + sent.size() + "@claimdesk.test>";
    return new SentReply(messageId, null, List.of(), "support@example.com", List.of(reply.thread().customerEmail()));
  }
}
