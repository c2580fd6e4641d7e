/**
 * The Discord adapter (JDA): the gateway connection that receives button clicks, modal submits and slash commands,
 * the chat target that posts and edits one embed message per ticket through REST, and the rendering of that message.
 */
package io.claimdesk.bot.discord;
