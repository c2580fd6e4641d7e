package io.claimdesk.mail.imap;

import java.time.Duration;

/**
 * Where and how to read mail. {@code pollEvery} is the polling interval without IDLE and the base of the
 * reconnect backoff; {@code idleFor} is how long one IDLE may last (servers drop it after 30 minutes).
 */
public record ImapSettings(
    String host,
    int port,
    boolean ssl,
    String user,
    String password,
    String folder,
    Duration pollEvery,
    Duration idleFor,
    Duration timeout) {

  /** The checkpoint key: which account and folder this is. */
  public String mailboxKey() {
    return "imap://" + user + "@" + host + ":" + port + "/" + folder;
  }

  @Override
  public String toString() {
    return "ImapSettings[" + mailboxKey() + ", ssl=" + ssl + "]"; // never the password
  }
}
