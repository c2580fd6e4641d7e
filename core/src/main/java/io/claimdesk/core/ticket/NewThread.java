package io.claimdesk.core.ticket;

import java.time.Instant;

/** What is needed to open a ticket; the store assigns the id and counters. */
public record NewThread(
    String mailbox, String subject, String customerEmail, String customerName, TicketStatus status, Instant receivedAt) {}
