/**
 * Leases: work that must run on one instance only (IMAP polling of a mailbox, a chat gateway connection) is done
 * while this instance holds its lease. Each acquisition raises the lease's epoch, which work done under it carries
 * so that a holder that lost the lease cannot commit over a newer one.
 */
package io.claimdesk.core.lease;
