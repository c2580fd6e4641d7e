package io.claimdesk.core.savedreply;

/** The result of a change to the saved replies: expected refusals are values. */
public sealed interface SavedReplyOutcome {

  /** Created or updated. */
  record Saved(SavedReply reply) implements SavedReplyOutcome {}

  /** Deleted. */
  record Deleted(String id) implements SavedReplyOutcome {}

  /** The member may not change saved replies. */
  record NotAllowed(String message) implements SavedReplyOutcome {}

  /** No saved reply has that id. */
  record NotFound(String message) implements SavedReplyOutcome {}

  /** The title or the body is unusable. */
  record Invalid(String message) implements SavedReplyOutcome {}
}
