package io.claimdesk.mail.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many mails a pipeline stored, found stored already, or quarantined, per kind of source; for /metrics. */
public final class IngestCounts {
  /** The kinds of source, as metrics label them. */
  public static final List<String> SOURCES = List.of("imap", "raw", "mailgun", "postmark");
  /** What became of a mail. */
  public enum Outcome {
    STORED,
    DUPLICATE,
    QUARANTINED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void record(String source, Outcome outcome) {
    counts.computeIfAbsent(kind(source) + "/" + outcome.value(), k -> new LongAdder()).increment();
  }

  /** How many mails of this kind of source ({@link #SOURCES}) had this outcome. */
  public long count(String kind, Outcome outcome) {
    LongAdder count = counts.get(kind + "/" + outcome.value());
    return count == null ? 0 : count.sum();
  }

  /** {@code webhook:mailgun} → {@code mailgun}; an IMAP source names its mailbox and UID. */
  private static String kind(String source) {
    return source.startsWith("webhook:") ? source.substring("webhook:".length()) : "imap";
  }
}
