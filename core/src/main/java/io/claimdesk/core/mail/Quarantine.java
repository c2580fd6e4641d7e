package io.claimdesk.core.mail;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** Raw mail that could not be parsed at all, kept with the reason, for an admin to look at. */
public interface Quarantine {

  /** One kept mail. */
  record Entry(String id, String source, String error, long size, Instant at) {}

  /** Keeps the raw bytes; returns the entry's id. */
  String keep(InputStream raw, String source, String error) throws IOException;

  /** How many mails are kept. */
  long count();

  /** The most recent entries, newest first. */
  List<Entry> recent(int limit);
}
