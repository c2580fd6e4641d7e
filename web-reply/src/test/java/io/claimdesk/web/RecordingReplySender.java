package io.claimdesk.web;

import io.claimdesk.core.reply.OutgoingReply;
import io.claimdesk.core.reply.ReplySendException;
import io.claimdesk.core.reply.ReplySender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail server seen from the web module (which does not depend on the mail module; the SMTP sender itself is
 * tested against GreenMail there): records each reply it accepts, or refuses them all on demand.
 */
final class RecordingReplySender implements ReplySender {
  final List<OutgoingReply> sent = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  volatile boolean failing;

  @Override
  public String newMessageId() {
    return "<reply-" + ids.incrementAndGet() + "@claimdesk.test>";
  }

  @Override
  public SentReply send(OutgoingReply reply) throws ReplySendException {
    if (failing) {
      throw new ReplySendException("connection refused", null);
    }
    sent.add(reply);
    return new SentReply(reply.messageId(), null, List.of(), "support@example.com",
        List.of(reply.thread().customerEmail()));
  }
}
