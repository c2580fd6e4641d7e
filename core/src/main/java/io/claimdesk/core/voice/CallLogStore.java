package io.claimdesk.core.voice;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores call logs ({@code call_logs}); every write is safe to repeat, since Twilio retries its webhooks. */
public interface CallLogStore {

  /**
   * Records a call's start, with {@code firstStep} (empty: nobody rung yet) as its first step, in one write, unless
   * the call is recorded already; the call log either way (a retried webhook finds the first attempt's).
   */
  CallLog start(String callSid, String from, String to, String contactId, Instant at, List<String> firstStep);

  /** As {@link #start(String, String, String, String, Instant, List)}, with nobody rung yet. */
  default CallLog start(String callSid, String from, String to, String contactId, Instant at) {
    return start(callSid, from, to, contactId, at, List.of());
  }

  /** The call with this CallSid, if any. */
  Optional<CallLog> find(String callSid);

  /**
   * Records who step {@code index} (0 for the first) rings, only if the call has exactly {@code index} steps; false
   * when the step is recorded already (a retried webhook) or the call is unknown.
   */
  boolean addStep(String callSid, int index, List<String> memberIds);

  /** Records who answered, only if nobody has yet (the first answer wins); false otherwise. */
  boolean answered(String callSid, String memberId, Instant at);

  /**
   * Sets the call's status, and its duration and end when given (null leaves them as they are); an end recorded
   * before is kept, so a repeated callback changes nothing.
   */
  void status(String callSid, String status, Integer duration, Instant endedAt);

  /** Records the voicemail's recording, only if the call has none yet; false otherwise. */
  boolean recording(String callSid, String url, int seconds, String contactId);

  /** Records the ticket the call's voicemail went to. */
  void linkTicket(String callSid, String threadId);

  /** Appends a note; the call as it now is, empty when there is no such call. */
  Optional<CallLog> addNote(String callSid, CallLog.Note note);

  /** Calls matching the query, newest first. */
  List<CallLog> list(CallQuery query);

  /** A contact's latest calls, newest first. */
  List<CallLog> forContact(String contactId, int limit);

  /** When each of these members last answered a call; members who never did are absent. */
  Map<String, Instant> lastAnswered(Collection<String> memberIds);
}
