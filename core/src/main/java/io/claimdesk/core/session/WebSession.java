package io.claimdesk.core.session;

import java.time.Instant;

/**
 * A signed-in dashboard session. {@code id} is the SHA-256 of the cookie value (the cookie itself is never stored),
 * {@code csrfToken} must accompany every state-changing request made with this session; {@code flash} is a
 * one-time notice for the next page, or null.
 */
public record WebSession(String id, String memberId, String csrfToken, Instant createdAt, Instant expiresAt,
    String flash) {}
