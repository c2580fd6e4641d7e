package io.claimdesk.core.reply;

import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Replies not (yet) accepted by the mail server, each moved between states by atomic compare-and-set updates. */
public interface PendingReplies {

  /** Records a reply about to be sent, in state {@code sending}, first attempt. */
  default PendingReply begin(String threadId, String authorId, String body, String messageId, Instant at) {
    return begin(threadId, authorId, body, List.of(), List.of(), messageId, at);
  }

  /** As above, with its CC addresses and its attachments (stored already), which a retry sends again. */
  PendingReply begin(String threadId, String authorId, String body, List<String> cc,
      List<ThreadMessage.Attachment> attachments, String messageId, Instant at);

  /** The reply with this id, if any; ids that are not valid ids are simply not found. */
  Optional<PendingReply> find(String id);

  /**
   * Moves a reply to {@code sending} for one more attempt, only if it failed, or has been sending since before
   * {@code staleBefore} (the process that sent it stopped); the updated reply, or empty when it is in no such state
   * (another retry took it first, it was sent, it was discarded).
   */
  Optional<PendingReply> retry(String id, Instant staleBefore, Instant at);

  /** Marks a {@code sending} reply failed, with the mail server's error. */
  void failed(String id, String error, Instant at);

  /** Marks a {@code sending} reply sent: it is on the thread now. */
  void sent(String id, Instant at);

  /** Discards a reply that failed or went stale; false when it was in no such state. */
  boolean discard(String id, Instant staleBefore, Instant at);

  /** The thread's replies that are sending or failed, oldest first. */
  List<PendingReply> unsent(String threadId);
}
