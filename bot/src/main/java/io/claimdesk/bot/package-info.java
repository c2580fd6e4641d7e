/** Chat: the sync that keeps ticket messages current ({@code sync}) and the Slack adapter ({@code slack}). */
package io.claimdesk.bot;
