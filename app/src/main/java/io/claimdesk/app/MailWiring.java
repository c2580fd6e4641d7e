package io.claimdesk.app;

import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.store.Stores;
import io.claimdesk.mail.imap.ImapMailboxPoller;
import io.claimdesk.mail.imap.ImapSettings;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.web.health.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The inbound mail path: the pipelines of the webhooks and of IMAP, the IMAP reader under its lease, their meters. */
final class MailWiring {
  /** Servers end an IDLE after 30 minutes; it is renewed before. */
  private static final Duration IMAP_IDLE = Duration.ofMinutes(25);

  private MailWiring() {}

  /** The way in for raw mail, writing through {@code stores}. */
  static IngestPipeline pipeline(Stores stores, EventRelay relay, String mailbox, Clock clock) {
    return new IngestPipeline(new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, clock),
        new MailIngestService(stores.tickets(), stores.messageIds(), stores.contacts(), relay, clock),
        stores.messageIds(), stores.attachments(), stores.quarantine(), mailbox);
  }

  /**
   * Reads the IMAP mailbox, when one is configured, while this instance holds its lease (its checkpoints carry the
   * lease's epoch, so a stale reader cannot commit), writing through {@code imapStores}; and shows on /metrics what
   * the webhooks' pipeline and the reader did.
   */
  static void readImap(AppConfig config, Stores stores, Stores imapStores, EventRelay relay, String mailbox,
      IngestPipeline webhooks, Leases leases, Metrics metrics, Clock clock) {
    List<IngestPipeline> pipelines = new ArrayList<>(List.of(webhooks));
    AtomicReference<ImapMailboxPoller> reading = new AtomicReference<>();
    if (config.imap().host() != null) {
      AppConfig.Imap i = config.imap();
      ImapSettings imap = new ImapSettings(i.host(), i.port(), i.ssl(), i.user(), i.password(), i.folder(),
          Duration.ofSeconds(i.pollSeconds()), IMAP_IDLE, Claimdesk.MAIL_TIMEOUT);
      IngestPipeline imapPipeline = pipeline(imapStores, relay, mailbox, clock);
      pipelines.add(imapPipeline);
      leases.keeper().hold("imap:" + i.user() + "@" + i.host() + "/" + i.folder(), epoch -> {
        ImapMailboxPoller poller = new ImapMailboxPoller(imap, imapPipeline, stores.checkpoints(), epoch);
        reading.set(poller.start());
        return () -> {
          reading.compareAndSet(poller, null);
          poller.close();
        };
      });
    }
    MailMetrics.register(metrics, pipelines, reading::get);
  }
}
