/**
 * Chat: the sync that keeps ticket messages current ({@code sync}), the Slack adapter ({@code slack}) and the
 * Discord adapter ({@code discord}).
 */
package io.claimdesk.bot;
