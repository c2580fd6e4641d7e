/** IMAP ingestion, inbound-mail webhooks, MIME parsing and SMTP replies; filled by the mail issue. */
package io.claimdesk.mail;
