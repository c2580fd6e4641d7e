package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Threading and awkward mail end to end: delivered to GreenMail's IMAP INBOX, read by the poller. */
class ImapThreadingTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final List<String> PREFIXES =
      List.of("Re: ", "RE: ", "Fwd: ", "AW: ", "WG: ", "SV: ", "Antw: ", "Re: Fwd: AW: ");

  private ImapFixture imap;

  @BeforeEach
  void open() {
    imap = new ImapFixture(GREEN_MAIL);
  }

  @AfterEach
  void close() {
    imap.close();
  }

  private static String mail(String from, String subject, String messageId, String extraHeaders) {
    return "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
        + "\r\n" + extraHeaders + "\r\nbody of " + messageId + "\r\n";
  }

  @Test
  void repliesShouldThreadByHeadersOrByTheTagFromTheCustomerButNotFromAStranger() throws Exception {
    imap.deliver(mail("carla@example.org", "Invoice twice", "<t-1@example.org>", ""));
    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.storedCount() >= 1, Duration.ofSeconds(30), "the first mail");
      EmailThread ticket = imap.stores.tickets().unassigned(10).get(0);

      imap.deliver(mail("carla@example.org", "whatever", "<t-2@example.org>", "In-Reply-To: <t-1@example.org>\r\n"));
      for (int i = 0; i < PREFIXES.size(); i++) {
        imap.deliver(mail("Carla <carla@example.org>", PREFIXES.get(i) + "Invoice twice [#" + ticket.tag() + "]",
            "<t-prefix-" + i + "@example.org>", ""));
      }
      imap.deliver(mail("mallory@example.net", "Re: Invoice twice [#" + ticket.tag() + "]", "<t-x@example.net>", ""));
      ImapFixture.await(() -> imap.storedCount() >= 11, Duration.ofSeconds(60), "all 11 mails");

      assertThat(imap.stores.tickets().find(ticket.id()).orElseThrow().messageCount()).isEqualTo(10);
      assertThat(imap.stores.tickets().count()).isEqualTo(2);
      String strangersThread = imap.stores.messageIds().find("<t-x@example.net>").orElseThrow().threadId();
      assertThat(strangersThread).isNotEqualTo(ticket.id());
    }
  }

  @Test
  void aConversationReadInOneGoShouldStayOneThreadAmongUnrelatedMail() throws Exception {
    // stored several at a time: each reply must still wait for the mail it answers, found in the same fetch (only
    // In-Reply-To, naming the mail just before: stored first, a reply would open a ticket of its own)
    for (int n = 0; n < 40; n++) {
      String answers = n == 0 ? "" : "In-Reply-To: <chain-" + (n - 1) + "@example.org>\r\n";
      imap.deliver(mail("carla@example.org", n == 0 ? "Long story" : "Re: Long story", "<chain-" + n + "@example.org>",
          answers));
      imap.deliver(mail("other" + n + "@example.org", "Unrelated " + n, "<other-" + n + "@example.org>", ""));
    }

    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.storedCount() >= 80, Duration.ofSeconds(60), "all 80 mails");
    }

    String chain = imap.stores.messageIds().find("<chain-0@example.org>").orElseThrow().threadId();
    assertThat(imap.stores.tickets().find(chain).orElseThrow().messageCount()).isEqualTo(40);
    assertThat(imap.stores.tickets().messages(chain)).extracting(ThreadMessage::messageId)
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).mapToObj(n -> "<chain-" + n + "@example.org>")
            .toList());
    assertThat(imap.stores.tickets().count()).isEqualTo(41);
  }

  @Test
  void theWholeAwkwardCorpusShouldBeStoredOrQuarantinedWithoutStoppingThePoller() throws Exception {
    Path corpus = Path.of(getClass().getResource("/corpus/expectations.tsv").toURI()).getParent();
    List<Path> files;
    try (Stream<Path> list = Files.list(corpus)) {
      files = list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
    for (Path file : files) {
      imap.deliver(Files.readAllBytes(file));
    }
    imap.deliver(ImapFixture.mail(9999)); // behind all of them: the poller must get here

    try (ImapMailboxPoller poller = imap.poller()) {
      ImapFixture.await(() -> imap.stores.messageIds().find("<question-9999@example.org>").isPresent(),
          Duration.ofSeconds(120), "the mail after the corpus");
      // saved once the mails before it are stored (every group of mails), so it may trail them briefly
      ImapFixture.await(() -> imap.stores.checkpoints().load(imap.settings().mailboxKey())
          .map(c -> c.lastUid()).orElse(0L) >= files.size() + 1, Duration.ofSeconds(30),
          "the checkpoint past every message");
    }
    long stored = imap.db.database().getCollection("thread_messages").countDocuments();
    long quarantined = imap.stores.quarantine().count();
    // every corpus file and the mail after them: stored once, or quarantined
    assertThat(stored + quarantined).isEqualTo(files.size() + 1L);
    assertThat(imap.db.database().getCollection("message_ids").countDocuments(new Document("stored", false))).isZero();
  }
}
