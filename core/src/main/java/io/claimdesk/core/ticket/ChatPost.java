package io.claimdesk.core.ticket;

/** A chat message posted for a ticket: Slack channel and ts, or Discord channel and message id. */
public record ChatPost(String platform, String channel, String messageRef) {}
