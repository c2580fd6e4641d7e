/**
 * The chat sync shared by every chat tool: it reads the event outbox and keeps one message per ticket in each
 * chat target showing the ticket's current state, through the small {@link io.claimdesk.bot.sync.ChatTarget} port.
 */
package io.claimdesk.bot.sync;
