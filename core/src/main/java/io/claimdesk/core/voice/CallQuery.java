package io.claimdesk.core.voice;

import java.time.Instant;

/**
 * Filters of a call list, each null for any: a member rung or answering, a contact, calls started at or after
 * {@code from} and before {@code to}; at most {@code limit}, newest first.
 */
public record CallQuery(String memberId, String contactId, Instant from, Instant to, int limit) {}
