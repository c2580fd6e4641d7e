/** Sending replies over SMTP with the headers that make customers' answers thread back. */
package io.claimdesk.mail.smtp;
