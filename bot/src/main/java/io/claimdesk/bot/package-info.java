/** The chat sync pipeline fed by the event outbox, with Slack and Discord adapters; filled by the chat issues. */
package io.claimdesk.bot;
