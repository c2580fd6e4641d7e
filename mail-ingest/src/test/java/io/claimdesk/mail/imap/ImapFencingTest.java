package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.mail.MailboxCheckpoints.Checkpoint;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A poller reading under a lease that a newer holder took: its checkpoint is refused and it stops reading. */
class ImapFencingTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private ImapFixture imap;

  @BeforeEach
  void open() {
    imap = new ImapFixture(GREEN_MAIL);
  }

  @AfterEach
  void close() {
    imap.close();
  }

  @Test
  void aStaleHoldersCheckpointShouldBeRefusedAndThePollerStop() throws Exception {
    String key = imap.settings().mailboxKey();
    for (int n = 1; n <= 5; n++) {
      imap.deliver(ImapFixture.mail(n));
    }
    try (ImapMailboxPoller stale = new ImapMailboxPoller(imap.settings(), imap.pipeline, imap.stores.checkpoints(), 1)
        .start()) {
      ImapFixture.await(() -> imap.stores.checkpoints().load(key).map(Checkpoint::lastUid).orElse(0L) == 5,
          Duration.ofSeconds(30), "the checkpoint at UID 5 under epoch 1");
      long uidValidity = imap.stores.checkpoints().load(key).orElseThrow().uidValidity();
      // another instance took the lease at epoch 2 and saved its own checkpoint, at UID 3; the stale poller,
      // reading from there at its next wake-up, must not write over it
      assertThat(imap.stores.checkpoints().save(key, new Checkpoint(uidValidity, 3), 2)).isTrue();

      for (int n = 6; n <= 8; n++) {
        imap.deliver(ImapFixture.mail(n));
      }
      ImapFixture.await(stale::fencedOut, Duration.ofSeconds(30), "the stale poller to be refused");
      assertThat(imap.stores.checkpoints().load(key)).contains(new Checkpoint(uidValidity, 3));

      imap.deliver(ImapFixture.mail(9)); // nobody reads it: the stale poller stopped
      Thread.sleep(1_500); // five of its 300 ms polls
      System.out.println("stored after the refusal: " + imap.storedCount() + "; checkpoint "
          + imap.stores.checkpoints().load(key).orElseThrow());
      assertThat(imap.storedCount()).isEqualTo(8);
      assertThat(imap.stores.checkpoints().load(key)).contains(new Checkpoint(uidValidity, 3));
    }
  }
}
