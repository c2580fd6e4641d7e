package io.claimdesk.core.savedreply;

import io.claimdesk.core.team.TeamMember;
import java.time.Clock;
import java.util.List;

/** Saved replies are shared by the whole team: every member reads them, managers and admins write them. */
public final class SavedReplyService {
  public static final int MAX_TITLE_CHARS = 100;
  public static final int MAX_BODY_CHARS = 10_000;
  static final String MANAGERS_ONLY = "Only managers can change saved replies";
  static final String NOT_FOUND = "Saved reply not found";

  private final SavedReplyStore store;
  private final Clock clock;

  public SavedReplyService(SavedReplyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Every saved reply, by title. */
  public List<SavedReply> all() {
    return store.all();
  }

  public SavedReplyOutcome create(TeamMember actor, String title, String body) {
    SavedReplyOutcome refused = refusal(actor, title, body);
    if (refused != null) {
      return refused;
    }
    return new SavedReplyOutcome.Saved(store.create(title.strip(), body, actor.id(), clock.instant()));
  }

  public SavedReplyOutcome update(TeamMember actor, String id, String title, String body) {
    SavedReplyOutcome refused = refusal(actor, title, body);
    if (refused != null) {
      return refused;
    }
    return store.update(id, title.strip(), body, actor.id(), clock.instant())
        .<SavedReplyOutcome>map(SavedReplyOutcome.Saved::new)
        .orElse(new SavedReplyOutcome.NotFound(NOT_FOUND));
  }

  public SavedReplyOutcome delete(TeamMember actor, String id) {
    if (!mayWrite(actor)) {
      return new SavedReplyOutcome.NotAllowed(MANAGERS_ONLY);
    }
    return store.delete(id) ? new SavedReplyOutcome.Deleted(id) : new SavedReplyOutcome.NotFound(NOT_FOUND);
  }

  /** True when the member may create, edit and delete saved replies. */
  public static boolean mayWrite(TeamMember member) {
    return member.active() && member.role().canManageTickets();
  }

  private static SavedReplyOutcome refusal(TeamMember actor, String title, String body) {
    if (!mayWrite(actor)) {
      return new SavedReplyOutcome.NotAllowed(MANAGERS_ONLY);
    }
    if (title == null || title.isBlank()) {
      return new SavedReplyOutcome.Invalid("Title must not be empty");
    }
    if (title.strip().length() > MAX_TITLE_CHARS) {
      return new SavedReplyOutcome.Invalid("Title is longer than " + MAX_TITLE_CHARS + " characters");
    }
    if (body == null || body.isBlank()) {
      return new SavedReplyOutcome.Invalid("Text must not be empty");
    }
    if (body.length() > MAX_BODY_CHARS) {
      return new SavedReplyOutcome.Invalid("Text is longer than " + MAX_BODY_CHARS + " characters");
    }
    return null;
  }
}
