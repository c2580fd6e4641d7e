package io.claimdesk.core.chat;

import java.time.Instant;

/**
 * What one chat target shows of one ticket ({@code chat_messages}): the message reference once posted, the ticket
 * version the message must show ({@code wantedVersion}) and the one it shows ({@code renderedVersion}), a digest
 * of the shown content, the first message's snippet, and since when a post may be in flight.
 */
public record ChatMessageState(
    String target,
    String threadId,
    String messageRef,
    long wantedVersion,
    long renderedVersion,
    String fingerprint,
    String snippet,
    Instant postingSince,
    String leaseHolder,
    Instant leaseUntil) {

  /** The message is behind the ticket (or not posted yet). */
  public boolean behind() {
    return renderedVersion < wantedVersion || messageRef == null;
  }

  public boolean posted() {
    return messageRef != null;
  }
}
