package io.claimdesk.app;

import io.claimdesk.mail.imap.ImapMailboxPoller;
import io.claimdesk.mail.ingest.IngestCounts;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.web.health.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The mail path on /metrics: mails per source and outcome, and how the IMAP reader keeps up. */
final class MailMetrics {
  private MailMetrics() {}

  /** {@code poller}: the IMAP reader while this instance holds its lease, else null. */
  static void register(Metrics metrics, List<IngestPipeline> pipelines, Supplier<ImapMailboxPoller> poller) {
    for (String source : IngestCounts.SOURCES) {
      for (IngestCounts.Outcome outcome : IngestCounts.Outcome.values()) {
        metrics.register("claimdesk_mail_ingested_total",
            "Mails received, by source and outcome (stored, duplicate: already stored, quarantined)",
            Metrics.Type.COUNTER, Map.of("source", source, "outcome", outcome.value()),
            () -> pipelines.stream().mapToLong(p -> p.counts().count(source, outcome)).sum());
      }
    }
    metrics.register("claimdesk_imap_uid_lag", "Newest UID the mailbox listed minus the last UID stored "
        + "(0 on an instance that does not read the mailbox)", Metrics.Type.GAUGE, Map.of(), () -> {
          ImapMailboxPoller current = poller.get();
          return current == null ? 0 : current.uidLag();
        });
    metrics.register("claimdesk_imap_last_caught_up_seconds", "Unix time of the IMAP reader's last read that "
        + "left nothing to store (0 before the first, or when this instance does not read the mailbox)",
        Metrics.Type.GAUGE, Map.of(), () -> {
          ImapMailboxPoller current = poller.get();
          return current == null ? 0 : current.lastCaughtUp().map(Instant::getEpochSecond).orElse(0L);
        });
  }
}
