package io.claimdesk.core.savedreply;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The team's saved replies. */
public interface SavedReplyStore {

  /** Every saved reply, by title (case-insensitive), then id. */
  List<SavedReply> all();

  /** The saved reply with this id, if any; ids that are not valid ids are simply not found. */
  Optional<SavedReply> find(String id);

  /** Stores a new saved reply and returns it with its id. */
  SavedReply create(String title, String body, String memberId, Instant at);

  /** Replaces the title and body of an existing one; the updated reply, or empty when there is no such id. */
  Optional<SavedReply> update(String id, String title, String body, String memberId, Instant at);

  /** Deletes one; false when there was no such id. */
  boolean delete(String id);
}
