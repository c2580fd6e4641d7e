package io.claimdesk.core.mail;

import java.util.Optional;

/**
 * How far each mailbox folder has been ingested: its UIDVALIDITY and the highest UID stored. Advanced only after
 * the message with that UID is durably stored.
 */
public interface MailboxCheckpoints {

  record Checkpoint(long uidValidity, long lastUid) {}

  Optional<Checkpoint> load(String mailbox);

  /**
   * Saves the checkpoint, journaled: when it returns true, it and every write before it in this thread are durable.
   * {@code epoch} is that of the lease the caller reads the mailbox under (0 without one): a checkpoint saved under
   * a newer epoch is never overwritten, so a holder that lost its lease gets false, writes nothing, and must stop.
   */
  boolean save(String mailbox, Checkpoint checkpoint, long epoch);
}
