/** Tickets (email threads), their messages and the port that stores them. */
package io.claimdesk.core.ticket;
