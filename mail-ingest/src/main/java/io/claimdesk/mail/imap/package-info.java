/** IMAP ingestion by UID checkpoint, never by the \Seen flag, with IDLE where offered and polling otherwise. */
package io.claimdesk.mail.imap;
