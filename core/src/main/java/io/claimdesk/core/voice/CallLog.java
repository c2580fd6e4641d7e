package io.claimdesk.core.voice;

import java.time.Instant;
import java.util.List;

/**
 * One inbound call, keyed by the CallSid of the caller's leg. {@code steps} holds the member ids rung at each step,
 * first step first; {@code contactId} is null for a caller no contact has (until a voicemail creates one);
 * {@code threadId} is the ticket the call's voicemail went to, which links a caller known only by number to it.
 */
public record CallLog(
    String callSid,
    String from,
    String to,
    String contactId,
    List<List<String>> steps,
    String answeredBy,
    String status,
    Integer duration,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    List<Note> notes,
    String recordingUrl,
    Integer recordingDuration,
    String threadId) {

  public CallLog {
    steps = steps == null ? List.of() : steps.stream().map(List::copyOf).toList();
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A note written about the call by a member. */
  public record Note(String authorId, String authorName, String body, Instant at) {}

  /** True when the member was rung at some step or answered. */
  public boolean involves(String memberId) {
    return memberId.equals(answeredBy) || steps.stream().anyMatch(step -> step.contains(memberId));
  }

  /** Every member rung so far, in the order they were rung. */
  public List<String> rung() {
    return steps.stream().flatMap(List::stream).distinct().toList();
  }
}
