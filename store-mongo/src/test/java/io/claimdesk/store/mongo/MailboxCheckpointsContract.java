package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.mail.MailboxCheckpoints;
import io.claimdesk.core.mail.MailboxCheckpoints.Checkpoint;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** What {@link MailboxCheckpoints} must do: a checkpoint per mailbox that a stale lease holder cannot move. */
interface MailboxCheckpointsContract extends StoreFixture {

  @Test
  default void aCheckpointShouldBeSavedAndLoadedPerMailbox() {
    MailboxCheckpoints checkpoints = stores().checkpoints();

    boolean saved = checkpoints.save("imap://a", new Checkpoint(7, 120), 1);
    checkpoints.save("imap://b", new Checkpoint(9, 3), 1);

    assertThat(saved).isTrue();
    assertThat(checkpoints.load("imap://a")).contains(new Checkpoint(7, 120));
    assertThat(checkpoints.load("imap://b")).contains(new Checkpoint(9, 3));
    assertThat(checkpoints.load("imap://c")).isEmpty();
  }

  @Test
  default void aStaleHoldersCheckpointShouldBeRefusedAndLeaveTheNewerOne() {
    MailboxCheckpoints checkpoints = stores().checkpoints();
    checkpoints.save("imap://a", new Checkpoint(7, 100), 1);
    boolean newer = checkpoints.save("imap://a", new Checkpoint(7, 250), 2);

    boolean stale = checkpoints.save("imap://a", new Checkpoint(7, 180), 1);
    boolean sameEpochAgain = checkpoints.save("imap://a", new Checkpoint(7, 260), 2);

    assertThat(newer).isTrue();
    assertThat(stale).as("epoch 1 after epoch 2").isFalse();
    assertThat(sameEpochAgain).isTrue();
    assertThat(checkpoints.load("imap://a")).contains(new Checkpoint(7, 260));
    assertThat(database().getCollection("mail_checkpoints").countDocuments()).isEqualTo(1);
  }

  @Test
  default void aCheckpointOfAnEarlierVersionWithoutEpochShouldBeOverwritten() {
    database().getCollection("mail_checkpoints").insertOne(new Document("_id", "imap://old")
        .append("uidValidity", 5L).append("lastUid", 40L));

    boolean saved = stores().checkpoints().save("imap://old", new Checkpoint(5, 41), 0);

    assertThat(saved).isTrue();
    assertThat(stores().checkpoints().load("imap://old")).contains(new Checkpoint(5, 41));
  }
}
