package io.claimdesk.mail.imap;

import io.claimdesk.core.store.Stores;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.parse.MimeParser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** claimdesk's IMAP ingestion against GreenMail's real IMAP server on loopback, over the embedded database. */
final class ImapFixture implements AutoCloseable {
  static final String USER = "support@example.com";
  static final String PASSWORD = "imap-secret";

  final GreenMailExtension greenMail;
  final TestDatabase db = TestDatabase.embedded();
  final Stores stores = MongoStores.open(db.database(), Clock.systemUTC());
  final EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
      Duration.ZERO).start();
  final IngestPipeline pipeline = pipeline(stores.messageIds());

  ImapFixture(GreenMailExtension greenMail) {
    this.greenMail = greenMail;
    greenMail.setUser(USER, USER, PASSWORD);
  }

  ImapSettings settings() {
    return settings("INBOX");
  }

  ImapSettings settings(String folder) {
    return new ImapSettings("127.0.0.1", greenMail.getImap().getPort(), false, USER, PASSWORD, folder,
        Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  ImapMailboxPoller poller() {
    return poller("INBOX");
  }

  ImapMailboxPoller poller(String folder) {
    return poller(settings(folder));
  }

  ImapMailboxPoller poller(ImapSettings settings) {
    return new ImapMailboxPoller(settings, pipeline, stores.checkpoints()).start();
  }

  /** The pipeline as the app builds it, with threads stored through {@code messageIds}. */
  IngestPipeline pipeline(MessageIndex messageIds) {
    return new IngestPipeline(new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC()),
        new MailIngestService(stores.tickets(), messageIds, stores.contacts(), relay, Clock.systemUTC()),
        stores.messageIds(), stores.attachments(), stores.quarantine(), USER);
  }

  /** Puts mail into a folder with IMAP APPEND, as a server migration or a mail client's move would. */
  void append(String folderName, String... raws) throws MessagingException {
    try (Store store = client()) {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        folder.create(Folder.HOLDS_MESSAGES);
      }
      Message[] messages = new Message[raws.length];
      for (int i = 0; i < raws.length; i++) {
        messages[i] = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raws[i].getBytes(StandardCharsets.UTF_8)));
      }
      folder.appendMessages(messages);
    }
  }

  /** Deletes a folder and creates it again, empty: its UIDVALIDITY changes. */
  void recreate(String folderName) throws MessagingException {
    try (Store store = client()) {
      Folder folder = store.getFolder(folderName);
      folder.delete(true);
      store.getFolder(folderName).create(Folder.HOLDS_MESSAGES);
    }
  }

  static String mail(int n) {
    return "From: Customer " + n + " <customer" + n + "@example.org>\r\n"
        + "To: " + USER + "\r\n"
        + "Subject: Question number " + n + "\r\n"
        + "Message-ID: <question-" + n + "@example.org>\r\n"
        + "\r\n"
        + "This is question " + n + ".\r\n";
  }

  void deliver(String raw) throws MessagingException {
    deliver(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Delivers these exact bytes to the INBOX. */
  void deliver(byte[] raw) throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    greenMail.getManagers().getUserManager().getUser(USER).deliver(message);
  }

  /** An IMAP client session on the same mailbox, as a person's mail client would have. */
  Store client() throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", greenMail.getImap().getPort(), USER, PASSWORD);
    return store;
  }

  /** Marks every other message \Seen, as a colleague reading them in a mail client would. */
  void readHalfInAMailClient() throws MessagingException {
    try (Store store = client()) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Message[] all = inbox.getMessages();
      for (int i = 0; i < all.length; i += 2) {
        all[i].setFlag(Flags.Flag.SEEN, true);
      }
      inbox.close(false);
    }
  }

  int seenCount() throws MessagingException {
    try (Store store = client()) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int seen = 0;
      for (Message m : inbox.getMessages()) {
        seen += m.isSet(Flags.Flag.SEEN) ? 1 : 0;
      }
      inbox.close(false);
      return seen;
    }
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  long messageCount() {
    return db.database().getCollection("thread_messages").countDocuments();
  }

  /** Mails stored completely: a message becomes visible before its ingestion's last step, the stored mark. */
  long storedCount() {
    return db.database().getCollection("message_ids").countDocuments(new org.bson.Document("stored", true));
  }

  @Override
  public void close() {
    relay.close();
    db.close();
  }
}
