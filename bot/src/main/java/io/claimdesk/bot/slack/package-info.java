/**
 * The Slack adapter: the Bolt app behind {@code POST /slack/events} (Claim / Unclaim / Reply buttons, the reply
 * modal, {@code /tickets}, the App Home), the Block Kit rendering of a ticket, and the Slack chat target of the sync.
 */
package io.claimdesk.bot.slack;
