/** Inbound-mail webhooks: raw MIME with a bearer token, Mailgun and Postmark. Each answers after the durable write. */
package io.claimdesk.mail.webhook;
