package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.mail.MessageIndex;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapMailboxPollerTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private ImapFixture imap;

  @BeforeEach
  void open() {
    imap = new ImapFixture(GREEN_MAIL); // GreenMail starts before each test
  }

  @AfterEach
  void close() {
    imap.close();
  }

  @Test
  void everyMessageShouldBeIngestedOnceWhetherReadOrNotAndNoFlagChanged() throws Exception {
    for (int n = 1; n <= 200; n++) {
      imap.deliver(ImapFixture.mail(n));
    }
    imap.readHalfInAMailClient();
    assertThat(imap.seenCount()).isEqualTo(100);

    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.storedCount() >= 200, Duration.ofSeconds(60), "200 messages");
      imap.deliver(ImapFixture.mail(201)); // arrives while the poller waits
      ImapFixture.await(() -> imap.storedCount() >= 201, Duration.ofSeconds(30), "the 201st message");
    }

    assertThat(imap.stores.tickets().count()).isEqualTo(201);
    Set<String> ids = new HashSet<>();
    imap.db.database().getCollection("thread_messages").find()
        .forEach(doc -> assertThat(ids.add(doc.getString("messageId"))).as("stored once").isTrue());
    assertThat(ids).hasSize(201).contains("<question-1@example.org>", "<question-200@example.org>");
    assertThat(imap.seenCount()).as("no flag changed").isEqualTo(100);
    assertThat(imap.stores.checkpoints().load(imap.settings().mailboxKey()).orElseThrow().lastUid()).isEqualTo(201);
  }

  @Test
  void mailArrivingDuringIdleShouldBeIngestedWithoutWaitingForTheNextPoll() throws Exception {
    imap.deliver(ImapFixture.mail(1));
    ImapSettings base = imap.settings();
    // the next poll would be ten minutes away: only the server's IDLE report can bring the second mail in time
    ImapSettings idleOnly = new ImapSettings(base.host(), base.port(), base.ssl(), base.user(), base.password(),
        base.folder(), Duration.ofMinutes(10), Duration.ofMinutes(10), base.timeout());
    try (ImapMailboxPoller poller = imap.poller(idleOnly)) {
      ImapFixture.await(() -> imap.storedCount() >= 1, Duration.ofSeconds(30), "the first message");
      Thread.sleep(500); // the poller is in IDLE by now
      imap.deliver(ImapFixture.mail(2));
      ImapFixture.await(() -> imap.storedCount() >= 2, Duration.ofSeconds(30), "the message that arrived in IDLE");
    }
    assertThat(imap.stores.checkpoints().load(base.mailboxKey()).orElseThrow().lastUid()).isEqualTo(2);
  }

  @Test
  void aRecreatedFolderWithTheSameMessagesShouldAddNothing() throws Exception {
    String[] first = new String[10];
    for (int n = 1; n <= 10; n++) {
      first[n - 1] = ImapFixture.mail(n);
    }
    imap.append("Support", first);
    String key = imap.settings("Support").mailboxKey();
    try (ImapMailboxPoller poller = imap.poller("Support")) {
      ImapFixture.await(() -> imap.storedCount() >= 10, Duration.ofSeconds(30), "10 messages");
    }
    long uidValidity = imap.stores.checkpoints().load(key).orElseThrow().uidValidity();

    // the folder is deleted and made again with the same mail plus one (a server migration, say)
    imap.recreate("Support");
    String[] again = java.util.Arrays.copyOf(first, 11);
    again[10] = ImapFixture.mail(11);
    imap.append("Support", again);

    try (ImapMailboxPoller poller = imap.poller("Support")) {
      ImapFixture.await(() -> imap.storedCount() >= 11, Duration.ofSeconds(30), "the 11th message");
      ImapFixture.await(() -> imap.stores.checkpoints().load(key).orElseThrow().lastUid() >= 11
          && imap.stores.checkpoints().load(key).orElseThrow().uidValidity() != uidValidity,
          Duration.ofSeconds(30), "the whole folder read again");
    }

    assertThat(imap.messageCount()).isEqualTo(11);
    assertThat(imap.stores.tickets().count()).isEqualTo(11);
  }

  @Test
  void aMessageThatIsNoMailShouldBeQuarantinedAndThePollerShouldGoOn() throws Exception {
    imap.deliver(ImapFixture.mail(1));
    imap.deliver("X-Nothing: really\r\n\r\n");
    imap.deliver(ImapFixture.mail(2));

    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.storedCount() >= 2, Duration.ofSeconds(30), "both real mails");
    }
    assertThat(imap.stores.quarantine().count()).isEqualTo(1);
    assertThat(imap.db.database().getCollection("message_ids").countDocuments(new Document("stored", true)))
        .isEqualTo(2);
  }

  @Test
  void aMessageWhoseStoringFailsEveryTimeShouldBeQuarantinedAfterFiveAttemptsAndHoldUpNothing() throws Exception {
    imap.deliver(ImapFixture.mail(1));
    imap.deliver(ImapFixture.mail(2));
    imap.deliver(ImapFixture.mail(3));
    AtomicInteger attempts = new AtomicInteger();
    MessageIndex real = imap.stores.messageIds();
    MessageIndex failingOnTwo = new MessageIndex() { // a fault only this message meets, every time
      @Override
      public Optional<Entry> find(String messageId) {
        return real.find(messageId);
      }

      @Override
      public Optional<String> threadOf(List<String> messageIds) {
        return real.threadOf(messageIds);
      }

      @Override
      public Entry reserve(String messageId, String threadId) {
        if (messageId.equals("<question-2@example.org>")) {
          attempts.incrementAndGet();
          throw new IllegalStateException("this message breaks the store");
        }
        return real.reserve(messageId, threadId);
      }

      @Override
      public void markStored(String messageId) {
        real.markStored(messageId);
      }
    };

    try (ImapMailboxPoller poller = new ImapMailboxPoller(imap.settings(), imap.pipeline(failingOnTwo),
        imap.stores.checkpoints()).start()) {
      ImapFixture.await(() -> imap.stores.checkpoints().load(imap.settings().mailboxKey())
          .filter(c -> c.lastUid() == 3).isPresent(), Duration.ofSeconds(60), "the checkpoint past the mails");
    }
    assertThat(attempts.get()).isEqualTo(ImapMailboxPoller.ATTEMPTS_PER_MESSAGE);
    assertThat(imap.stores.quarantine().recent(5)).singleElement().satisfies(entry -> {
      assertThat(entry.source()).endsWith("/INBOX#2");
      assertThat(entry.error()).contains("storing failed 5 times").contains("this message breaks the store");
      assertThat(entry.size()).isEqualTo(ImapFixture.mail(2).length()); // the raw mail, whole
    });
    assertThat(imap.db.database().getCollection("message_ids").distinct("_id", new Document("stored", true),
        String.class).into(new java.util.ArrayList<>()))
        .containsExactlyInAnyOrder("<question-1@example.org>", "<question-3@example.org>");
    assertThat(imap.stores.checkpoints().load(imap.settings().mailboxKey()).orElseThrow().lastUid()).isEqualTo(3);
  }

  @Test
  void aLostConnectionIsNeverTheMessagesFault() {
    assertThat(ImapMailboxPoller.connectionLost(new jakarta.mail.MessagingException("fetch failed",
        new java.net.SocketTimeoutException("read timed out")))).isTrue();
    // what the stores throw when the database is unreachable, whatever the database
    assertThat(ImapMailboxPoller.connectionLost(new RuntimeException(new io.claimdesk.core.StoreUnavailableException(
        "MessageIndex.find failed", new com.mongodb.MongoSocketReadException("closed",
            new com.mongodb.ServerAddress()))))).isTrue();
    assertThat(ImapMailboxPoller.connectionLost(new jakarta.mail.FolderClosedException(null))).isTrue();
    assertThat(ImapMailboxPoller.connectionLost(new IllegalStateException("this message breaks the store")))
        .isFalse();
    assertThat(ImapMailboxPoller.connectionLost(new jakarta.mail.MessagingException("BAD: cannot produce"))).isFalse();
  }
}
