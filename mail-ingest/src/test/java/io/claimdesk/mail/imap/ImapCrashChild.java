package io.claimdesk.mail.imap;

import io.claimdesk.core.store.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.parse.MimeParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.bson.Document;

/**
 * Runs in a child JVM for {@link ImapCrashTest}: claimdesk's IMAP ingestion on the embedded database in
 * {@code dataDir}, reading GreenMail at {@code port}, printing how many messages are stored every 10 ms until
 * killed.
 */
public final class ImapCrashChild {
  private ImapCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
    MongoClient client = MongoClients.create(mongo.connectionString());
    Stores stores = MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC());
    // wired as the app wires it: the poller's mail written unjournaled, made durable by its journaled checkpoint
    Stores imapStores = MongoStores.unjournaled(client.getDatabase("claimdesk"), Clock.systemUTC());
    EventRelay relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(),
        Duration.ZERO).start();
    IngestPipeline pipeline = new IngestPipeline(
        new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC()),
        new MailIngestService(imapStores.tickets(), imapStores.messageIds(), imapStores.contacts(), relay,
            Clock.systemUTC()),
        imapStores.messageIds(), imapStores.attachments(), imapStores.quarantine(), ImapFixture.USER);
    new ImapMailboxPoller(new ImapSettings("127.0.0.1", port, false, ImapFixture.USER, ImapFixture.PASSWORD, "INBOX",
        Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)), pipeline, stores.checkpoints()).start();
    while (true) {
      long stored = client.getDatabase("claimdesk").getCollection("message_ids")
          .countDocuments(new Document("stored", true));
      System.out.println("stored " + stored);
      System.out.flush();
      Thread.sleep(10);
    }
  }
}
