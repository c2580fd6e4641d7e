package io.claimdesk.core.mail;

import java.util.Optional;

/**
 * How far each mailbox folder has been ingested: its UIDVALIDITY and the highest UID stored. Advanced only after
 * the message with that UID is durably stored.
 */
public interface MailboxCheckpoints {

  record Checkpoint(long uidValidity, long lastUid) {}

  Optional<Checkpoint> load(String mailbox);

  void save(String mailbox, Checkpoint checkpoint);
}
