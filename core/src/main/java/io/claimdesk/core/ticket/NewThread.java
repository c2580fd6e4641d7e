package io.claimdesk.core.ticket;

import java.time.Instant;

/**
 * What is needed to open a ticket; the store assigns the id and counters. {@code customerPhone} (E.164, or null)
 * is the number of a caller whose voicemail opened it: a caller known only by number has no address to find their
 * tickets by.
 */
public record NewThread(String mailbox, String subject, String customerEmail, String customerName,
    TicketStatus status, Instant receivedAt, String customerPhone) {

  /** A ticket from a customer address (mail), without a phone number. */
  public NewThread(String mailbox, String subject, String customerEmail, String customerName, TicketStatus status,
      Instant receivedAt) {
    this(mailbox, subject, customerEmail, customerName, status, receivedAt, null);
  }
}
