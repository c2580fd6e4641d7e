package io.claimdesk.mail.imap;

import io.claimdesk.core.store.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
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
 * Runs in a child JVM for {@link ImapCrashTest} and {@link DovecotCrashTest}: claimdesk's IMAP ingestion on the
 * embedded database in {@code dataDir}, printing first the checkpoint it starts from ({@code checkpoint none}, or
 * {@code checkpoint <uidValidity> <lastUid>}), then every 10 ms until killed how many messages are stored
 * ({@code stored <count>}) and the last UID of the checkpoint saved so far ({@code saved <lastUid>}, 0 for none).
 * Arguments: {@code dataDir port} (GreenMail's user on 127.0.0.1, INBOX) or
 * {@code dataDir host port user password folder}.
 */
public final class ImapCrashChild {
  private ImapCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    boolean full = args.length >= 6;
    String host = full ? args[1] : "127.0.0.1";
    int port = Integer.parseInt(full ? args[2] : args[1]);
    String user = full ? args[3] : ImapFixture.USER;
    String password = full ? args[4] : ImapFixture.PASSWORD;
    String folder = full ? args[5] : "INBOX";
    ImapSettings settings = new ImapSettings(host, port, false, user, password, folder, Duration.ofMillis(300),
        Duration.ofSeconds(5), Duration.ofSeconds(10));
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
        imapStores.messageIds(), imapStores.attachments(), imapStores.quarantine(), user);
    // where this run starts: what the last one had made durable, read as the poller will read it
    MongoCollection<Document> checkpoints = client.getDatabase("claimdesk").getCollection("mail_checkpoints");
    Document checkpoint = checkpoints.find(new Document("_id", settings.mailboxKey())).first();
    System.out.println(checkpoint == null ? "checkpoint none"
        : "checkpoint " + ((Number) checkpoint.get("uidValidity")).longValue() + " "
            + ((Number) checkpoint.get("lastUid")).longValue());
    System.out.flush();
    new ImapMailboxPoller(settings, pipeline, stores.checkpoints()).start();
    while (true) {
      long stored = client.getDatabase("claimdesk").getCollection("message_ids")
          .countDocuments(new Document("stored", true));
      Document saved = checkpoints.find(new Document("_id", settings.mailboxKey())).first();
      System.out.println("stored " + stored);
      System.out.println("saved " + (saved == null ? 0 : ((Number) saved.get("lastUid")).longValue()));
      System.out.flush();
      Thread.sleep(10);
    }
  }
}
