package io.claimdesk.core.mail;

import java.util.Optional;

/**
 * How far each mailbox folder has been ingested: its UIDVALIDITY and the highest UID stored. Advanced only after
 * the message with that UID is durably stored.
 */
public interface MailboxCheckpoints {

  record Checkpoint(long uidValidity, long lastUid) {}

  Optional<Checkpoint> load(String mailbox);

  /** Saves the checkpoint, journaled: when it returns, it and every write before it in this thread are durable. */
  void save(String mailbox, Checkpoint checkpoint);
}
