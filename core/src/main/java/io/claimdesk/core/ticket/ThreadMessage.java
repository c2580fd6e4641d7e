package io.claimdesk.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * One email of a thread, inbound from the customer or outbound from a team member. Messages live outside the
 * thread document so that a thread of thousands of messages stays under MongoDB's document size limit.
 */
public record ThreadMessage(
    String id,
    String threadId,
    Direction direction,
    String messageId,
    String inReplyTo,
    List<String> references,
    String from,
    String fromName,
    List<String> to,
    List<String> cc,
    Instant date,
    String text,
    String html,
    List<Attachment> attachments,
    String authorMemberId) {

  public ThreadMessage {
    references = references == null ? List.of() : List.copyOf(references);
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** This message as stored on the thread {@code id}. */
  public ThreadMessage onThread(String id) {
    return new ThreadMessage(this.id, id, direction, messageId, inReplyTo, references, from, fromName, to, cc, date,
        text, html, attachments, authorMemberId);
  }

  /**
   * Inbound messages come from the customer, outbound ones from the team; automated ones are inbound mail sent by
   * machines (auto-replies, bounces), kept on the thread but never notifying anyone or reopening the ticket. Notes
   * are the team's own lines on the ticket (an answered call), never mailed; a voicemail is a caller's recording.
   */
  public enum Direction {
    INBOUND,
    OUTBOUND,
    AUTOMATED,
    NOTE,
    VOICEMAIL
  }

  /** Metadata of an attachment; its bytes are stored elsewhere under {@code storageId}. */
  public record Attachment(String filename, String contentType, long size, String contentId, String storageId) {}
}
