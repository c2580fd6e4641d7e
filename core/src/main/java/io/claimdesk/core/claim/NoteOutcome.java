package io.claimdesk.core.claim;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;

/** The result of writing an internal note: the note as stored, or why it was not stored. */
public sealed interface NoteOutcome {

  /** The note is on the ticket; {@code thread} is the ticket right after it. */
  record Added(ThreadMessage note, EmailThread thread) implements NoteOutcome {}

  /** Nothing was stored: an unknown ticket, an inactive member, or an unusable body. */
  record Refused(ClaimOutcome reason) implements NoteOutcome {}
}
