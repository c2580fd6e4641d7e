package io.claimdesk.core.savedreply;

import java.time.Instant;

/** A text the team inserts into replies, under a short title; {@code updatedBy} is the member id of the last editor. */
public record SavedReply(String id, String title, String body, String updatedBy, Instant updatedAt) {}
