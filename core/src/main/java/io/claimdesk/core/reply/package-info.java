/** Replying to a ticket: the owner-only rule with auto-claim, then the send, then the record of what was sent. */
package io.claimdesk.core.reply;
